"""Build logic for the patient site: plain, typed functions that MkDocs hooks call."""
