"""Routers, one per page group: public pages, downloads, the open-data API, admin."""
