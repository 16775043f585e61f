"""What every renderer returns: the exact bytes, what they are, and which print.

One protocol for slips, labels, certificates and wall sheets: a renderer
takes frozen data and returns a ``PrintJob``; the preview shows and sends
exactly ``job.pdf``; the service records the output with
``record_output(job, how)`` (``services/outputs.py``), where a paper print
counts and a saved file is an export.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class PrintJob:
    kind: str  # what it is: "referral", "file_label", "custody_certificate", "job_board"
    layout: str  # e.g. "a4", "receipt", "label", "sheet", "a3"
    pdf: bytes
    number: str = ""  # the number printed on it (referral or file number), if any
    entity: str = ""  # the table of the record it prints, if any
    record_id: uuid.UUID | None = None
    print_no: int = 1  # which paper copy this rendering is; 2 and up say "reprint"

    @property
    def reprint(self) -> bool:
        return self.print_no > 1
