"""The health check's builders: plain functions of (questions, options, language) that
return texts and tables, callable without Streamlit (`ui.health_view` places them)."""
