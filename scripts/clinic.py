"""The clinic's details from `extra.clinic` in mkdocs.yml, read once into one typed value.

Every place that shows them (the footer and 404 page through the templates, placeholders in
pages, the handout PDF, the body map) gets its links from the functions here, so a phone number
is written into HTML in one way only. `config_checks.check_clinic` checks the same settings.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from scripts import interface
from scripts.interface import Interface
from scripts.steps.page_meta import tel_uri

FIELDS = ("name", "phone", "email", "address", "hours", "booking_url")


@dataclass(frozen=True)
class Clinic:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    booking_url: str = ""
    others: tuple[tuple[str, str], ...] = ()  # any other key under extra.clinic, e.g. state

    @classmethod
    def from_config(cls, raw: object) -> Clinic:
        """`extra.clinic` as written; a missing or wrong one gives empty fields (the checks report it)."""
        if not isinstance(raw, Mapping):
            return cls()
        known = {key: str(raw[key]) for key in FIELDS if raw.get(key) is not None}
        others = tuple(
            (str(key), str(value))
            for key, value in raw.items()
            if key not in FIELDS and key != "phone_tel"
        )
        return cls(**known, others=others)

    @property
    def phone_tel(self) -> str:
        """`(541) 555-0142` -> `+15415550142`, for `tel:` links."""
        return tel_uri(self.phone)

    def fields(self) -> dict[str, str]:
        """Every detail by its key in mkdocs.yml, plus `phone_tel`, in the file's order."""
        values = {key: getattr(self, key) for key in FIELDS}
        values["phone_tel"] = self.phone_tel
        return {**values, **dict(self.others)}

    # --- HTML, the one way each link is written ---

    def phone_link(self) -> str:
        if not self.phone:
            return ""
        return f'<a href="tel:{html.escape(self.phone_tel)}">{html.escape(self.phone)}</a>'

    def email_link(self) -> str:
        email = html.escape(self.email)
        return f'<a href="mailto:{email}">{email}</a>' if email else ""

    def booking_link(self, text: str) -> str:
        if not self.booking_url:
            return ""
        return f'<a href="{html.escape(self.booking_url)}">{html.escape(text)}</a>'

    def contact_list(self, ui: Interface | None = None) -> str:
        """The contact details as a list (`<!-- clinic-contact -->`, on the page and in the PDF),
        labelled in the interface's language (English by default)."""
        t = (ui or interface.default()).t
        items = []
        if self.phone:
            items.append(f"{t('phone')}: {self.phone_link()}")
        if self.hours:
            items.append(f"{t('open')}: {html.escape(self.hours)}")
        if self.address:
            items.append(f"{t('address')}: {html.escape(self.address)}")
        if self.email:
            items.append(f"{t('email')}: {self.email_link()}")
        if self.booking_url:
            items.append(f"{t('book_online')}: {self.booking_link(self.booking_url)}")
        lines = "".join(f"<li>{item}</li>" for item in items)
        name = html.escape(self.name)
        return f'<ul class="clinic-contact"><li><strong>{name}</strong></li>{lines}</ul>'

    def template_values(self) -> dict[str, str]:
        """What templates add to `config.extra.clinic` (the footer, the 404 page)."""
        return {
            "phone_tel": self.phone_tel,
            "phone_html": self.phone_link(),
            "email_html": self.email_link(),
        }

    # --- Markdown placeholders ---

    def placeholder_values(self, ui: Interface | None = None) -> dict[str, str]:
        """`clinic.<key>` for every detail, plus ready-made Markdown links (their words in the
        interface's language)."""
        t = (ui or interface.default()).t
        values = {f"clinic.{key}": value for key, value in self.fields().items()}
        if self.phone:
            values["clinic.phone_link"] = f"[{self.phone}](tel:{self.phone_tel})"
        if self.email:
            values["clinic.email_link"] = f"[{self.email}](mailto:{self.email})"
        if self.booking_url:
            values["clinic.booking_link"] = f"[{t('booking_link_text')}]({self.booking_url})"
        state, board = values.get("clinic.state", ""), values.get("clinic.state_board_url", "")
        if state and board:
            values["clinic.state_board_link"] = f"[{t('state_board_link', state=state)}]({board})"
        return values
