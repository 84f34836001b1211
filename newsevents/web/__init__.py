"""web: the HTTP API and the web page (``newsevents serve``).

>>> from newsevents.web import ServeSettings, create_app
>>> app = create_app(ServeSettings(db_path="news.duckdb"))  # doctest: +SKIP
"""

from newsevents.web.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
