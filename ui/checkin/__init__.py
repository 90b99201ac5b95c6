"""The weekly check-in's builders: plain functions of (data, week, language) that return
frames and texts, callable without Streamlit (`ui.checkin_view` places them)."""
