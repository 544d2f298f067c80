"""The examples that the schema, messages, `notula new` and the field reference page show.

They are the site's own where it has them (its first group, organisation and abbreviation),
else neutral ones that belong to no real site. A person is always the neutral name: no
plausible real person, so that a site that hides someone of that name sees no false leak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol


class _Registries(Protocol):  # notula.model.registry.Registry, which this module must not import (the schema uses it)
    organisations: dict[str, Any]
    groups: dict[str, Any]
    topics: dict[str, Any]
    abbreviations: dict[str, str]

# The neutral examples; the schema's `examples` use these, and `localise` replaces them.
PERSON = "Förnamn Efternamn"
ORGANISATION_ID = "exempelkommunen"
ORGANISATION = "Exempelkommunen"  # as a file names it (the short name)
GROUP = "grupp"
GROUP_NAME = "Exempelgruppen"
BODY = "KS"  # another body, from abbreviations.yml
TOPIC_ID = "samverkan"
TOPIC = "Samverkan"


@dataclass(frozen=True)
class Examples:
    """The examples of one site."""

    group: str = GROUP
    group_name: str = GROUP_NAME
    organisation_id: str = ORGANISATION_ID
    organisation: str = ORGANISATION
    body: str = BODY
    topic_id: str = TOPIC_ID
    topic: str = TOPIC
    person: str = PERSON

    @classmethod
    def of(cls, registry: _Registries | None) -> Examples:
        """The site's own examples (its first group, organisation, topic and abbreviation), neutral
        ones for what its registries do not hold."""
        if registry is None:
            return cls()
        found: dict[str, str] = {}
        group = next(iter(registry.groups.values()), None)
        if group is not None:
            found.update(group=group.id, group_name=group.name)
        organisation = next(iter(registry.organisations.values()), None)
        if organisation is not None:
            found.update(organisation_id=organisation.id, organisation=organisation.label)
        topic = next(iter(registry.topics.values()), None)
        if topic is not None:
            found.update(topic_id=topic.id, topic=topic.name)
        body = next(iter(registry.abbreviations), None)
        if body is not None:
            found.update(body=body)
        return cls(**found)

    def meeting(self, date: str = "YYYY-MM-DD") -> str:
        """A meeting reference (for_meeting), e.g. grupp/2024-03-12."""
        return f"{self.group}/{date}"

    def localise(self, text: str) -> str:
        """text with each neutral example (a whole word) replaced by this site's."""
        pairs = {GROUP_NAME: self.group_name, ORGANISATION_ID: self.organisation_id, ORGANISATION: self.organisation,
                 GROUP: self.group, BODY: self.body, TOPIC_ID: self.topic_id, TOPIC: self.topic}
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)) + r")(?![\w-])")
        return pattern.sub(lambda m: pairs[m.group(1)], text)
