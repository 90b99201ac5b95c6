"""The workshop's pages in pieces: pure builders of its sentences, tables and chart
(plain functions of data, options and language; no Streamlit), and the Streamlit
sections that place them on the facilitator's screen and the join page."""
