"""The Streamlit page: widgets that hold values, URL state, labels, table, download, shared caches."""
