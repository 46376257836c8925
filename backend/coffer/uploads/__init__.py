"""Uploads into the object browser: the browser sends the bytes to the storage system, never to Coffer."""
