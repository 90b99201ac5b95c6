"""The profitability-versus-size page: pure builders (`quadrant`, `curves`, `sentences`,
`figures`, `tables`: plain functions of data, options, language and currency) and the
Streamlit sections that place them (`sections`)."""
