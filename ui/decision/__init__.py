"""The decisions page in pieces: pure builders of its tables, workbook and sentences (no
Streamlit) and the Streamlit sections that place them."""
