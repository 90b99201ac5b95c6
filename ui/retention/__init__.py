"""The retention page: pure builders (`labels`, `charts`, `sentences`, `figures`,
`tables`: plain functions of data, options, language and currency) and the Streamlit
sections that place them (`sections`)."""
