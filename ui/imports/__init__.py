"""The import page's builders: plain functions of (data, options, language) that return
frames and texts, callable without Streamlit (`ui.import_view` places them)."""
