"""actors: find and code who acts, as of the article's date."""

from newsevents.actors.kb import Entry, KnowledgeBase, load_knowledge_base
from newsevents.actors.resolve import code_actor, find_mentions

__all__ = ["Entry", "KnowledgeBase", "code_actor", "find_mentions", "load_knowledge_base"]
