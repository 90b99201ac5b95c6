"""The focus list's builders: plain functions of (data, options, language) that return
frames, file bytes and texts, callable without Streamlit (`ui.focus_view` places them)."""
