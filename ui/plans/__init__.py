"""Customer plans' builders: plain functions of (data, options, language) that return
frames, editor settings, writes and texts, callable without Streamlit (`ui.plans_view`,
`ui.checkin_view` and `ui.review_view` place them)."""
