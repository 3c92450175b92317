"""What the Streamlit page needs beyond the map: widgets that hold their values, URL messages."""
