"""Job seekers registered as a clerk registers them, for ``sync_bench.py``.

The values come from the demo generator of the desk (``services.demo``: valid
GB 11643 ID numbers of the county and its neighbours, Chinese names by the
region's surname frequencies, mobile numbers, wanted job types from the
occupation catalogue, pay, addresses...), deterministic for a seed. Each one
is then typed into the registration form, so to speak: a ``PersonDraft`` with
the fields the window has, saved by ``PeopleService.save`` in its own
transaction, exactly as the registration window saves it (change capture,
audit event and all). Nothing is bulk-inserted.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

from lingong_desk.domain.registration import PersonDraft
from lingong_desk.services.demo import _Maker
from lingong_desk.services.registry import Services


@dataclass
class Registered:
    drafts: list[PersonDraft]
    seconds: float


class Clerk:
    """Makes the drafts a clerk types, and saves them through the service."""

    def __init__(self, services: Services, seed: int) -> None:
        self.services = services
        self.maker = _Maker(services.ctx, seed)

    def draft(self) -> PersonDraft:
        person, codes = self.maker.person()
        return PersonDraft(
            id_number=person.id_number,
            name=person.name,
            phone=person.phone,
            education=person.education,
            hukou_type=person.hukou_type,
            hukou_address=person.hukou_address,
            address=person.address,
            district_code=person.district_code,
            category=person.category,
            hardships=list(person.hardships),
            occupation_codes=codes,
            work_form=person.work_form,
            pay_min=person.pay_min,
            pay_max=person.pay_max,
            pay_unit=person.pay_unit,
            available_from=person.available_from,
            availability_note=person.availability_note,
            skills=person.skills,
            certificates=person.certificates,
            status=person.status,
            note=person.note,
        )

    def register(self, count: int, progress: Callable[[int], None] | None = None) -> Registered:
        """``count`` new job seekers, one ``PeopleService.save`` each."""
        drafts = []
        start = time.perf_counter()
        for n in range(1, count + 1):
            draft = self.draft()
            self.services.people.save(draft)
            drafts.append(draft)
            if progress is not None and n % 1000 == 0:
                progress(n)
        return Registered(drafts, time.perf_counter() - start)

    def new_phones(self, drafts: list[PersonDraft]) -> Registered:
        """The same people with a new mobile number each (the one field changed),
        saved again through the registration form."""
        edited = []
        start = time.perf_counter()
        for draft in drafts:
            changed = dataclasses.replace(draft, phone=self.maker.phone())
            self.services.people.save(changed)
            edited.append(changed)
        return Registered(edited, time.perf_counter() - start)
