"""Logging filters."""

import logging


class OneLineFilter(logging.Filter):
    """Drop the traceback from expected refusals: a 403 or a request for a
    host we don't serve is one line in the log, not a stack trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.request" and getattr(record, "status_code", 0) != 403:
            return True
        record.exc_info = None
        record.exc_text = None
        return True
