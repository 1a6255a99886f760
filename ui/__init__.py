"""Parley's Streamlit app: a router (app.py) and thin pages (views/) that call only into simulator/."""
