"""The cost-to-serve page's builders: tables, sentences and charts without Streamlit."""
