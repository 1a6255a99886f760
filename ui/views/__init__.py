"""Page scripts that st.navigation runs; each only renders and calls into simulator/ through the run context."""
