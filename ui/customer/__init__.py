"""The customer page: pure builders (`charts`, `figures`: plain functions of data,
language and currency) and the Streamlit sections that place them (`sections`)."""
