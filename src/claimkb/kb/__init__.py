"""Reading and validating the knowledge base: files -> problems and the validated model.

Nothing here imports from the layers above it (``render``, ``checker``, the command line).
"""
