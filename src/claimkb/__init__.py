"""claimkb: an evidence-tagged knowledge base of health and wellness marketing claims.

The flow is records -> validated model -> pages / checker findings:
``load.load_knowledge_base`` reads and validates everything under a root folder and
returns the model (``model.KnowledgeBase``) with the problems it found.
"""

__version__ = "0.1.0"
