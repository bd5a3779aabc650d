"""Intake: every way a disclosure comes in — published files, Disclosure JSON, source
folders, uploads — read one way.

``read_inputs(paths)`` walks folders, sniffs each file once by its content
(``parse.dispatch.sniff``), reads it with the one registry of readers (``readers.READERS``),
optionally in a child process under wall-clock and memory limits (``guard``), groups the
files of one disclosure (``group``) and returns the disclosures with their read findings and
the inputs refused. ``stream`` does the same for any number of inputs, their parts kept on
disk and each disclosure merged when it is asked for (``yusuan check``, ``ingest``);
``pipeline`` adds checking and storing for ``ingest`` and the upload.

Layering: intake sits above parse, checks, derive and ``build``; only ``cli`` and ``web``
import it.
"""

from yusuan.intake.guard import Limits, default_limits
from yusuan.intake.read import Intake, Refused, Source, read_inputs, staged

__all__ = ["Intake", "Limits", "Refused", "Source", "default_limits", "read_inputs", "staged"]
