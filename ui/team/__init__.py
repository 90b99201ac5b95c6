"""The team assessment's builders: plain functions of (data, options, language) that
return frames and texts, callable without Streamlit (`ui.team_view` places them)."""
