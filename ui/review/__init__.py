"""The quarterly review's builders: plain functions of (review, options, language) that
return frames, texts and the Excel file, callable without Streamlit (`ui.review_view`
places them)."""
