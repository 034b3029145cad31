"""The organisation profile and which questions apply to it (`applies_to`)."""

from __future__ import annotations

from dataclasses import dataclass

from levier.engine.packs import FLAGS, NAF_SECTIONS, SIZE_BANDS, Question, Rule, size_band_for


@dataclass(frozen=True)
class Profile:
    """What applicability rules look at. None means unknown.

    `size_band` defaults to the band of `headcount`; when both are given the declared
    band is kept, since it is what the organisation said about itself.
    `flags` holds the flags that are true (`ess`, `mission`, `bcorp`).
    """

    headcount: int | None = None
    size_band: str | None = None
    naf_section: str | None = None
    flags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.size_band is None and self.headcount is not None:
            object.__setattr__(self, "size_band", size_band_for(self.headcount))
        if self.headcount is not None and self.headcount < 0:
            raise ValueError(f"headcount cannot be negative: {self.headcount}")
        if self.size_band is not None and self.size_band not in SIZE_BANDS:
            raise ValueError(f"unknown size band: {self.size_band!r}")
        if self.naf_section is not None and self.naf_section not in NAF_SECTIONS:
            raise ValueError(f"unknown NAF section: {self.naf_section!r}")
        if not isinstance(self.flags, frozenset):
            object.__setattr__(self, "flags", frozenset(self.flags))
        unknown = self.flags - set(FLAGS)
        if unknown:
            raise ValueError(f"unknown flags: {sorted(unknown)}")


@dataclass(frozen=True)
class Exclusion:
    """Why a question is left out: the first clause of its rule that fails.

    `required` is the clause's value in the pack, `actual` the profile's (None when
    unknown). For `flags`, `flag` names the flag and `required` is the wanted bool.
    """

    clause: str
    required: object
    actual: object
    flag: str | None = None


def rule_exclusion(rule: Rule | None, profile: Profile) -> Exclusion | None:
    if rule is None:
        return None
    if rule.size_bands is not None and profile.size_band not in rule.size_bands:
        return Exclusion("size_bands", rule.size_bands, profile.size_band)
    headcount = profile.headcount
    if rule.min_headcount is not None and (headcount is None or headcount < rule.min_headcount):
        return Exclusion("min_headcount", rule.min_headcount, headcount)
    if rule.max_headcount is not None and (headcount is None or headcount > rule.max_headcount):
        return Exclusion("max_headcount", rule.max_headcount, headcount)
    naf = profile.naf_section
    if rule.naf_sections is not None and naf not in rule.naf_sections:
        return Exclusion("naf_sections", rule.naf_sections, naf)
    # An unknown section is never excluded: the question stays asked.
    excluded_sections = rule.exclude_naf_sections or ()
    if naf is not None and naf in excluded_sections:
        return Exclusion("exclude_naf_sections", rule.exclude_naf_sections, naf)
    for flag, wanted in rule.flags:
        if (flag in profile.flags) != wanted:
            return Exclusion("flags", wanted, flag in profile.flags, flag=flag)
    return None


def exclusion_reason(question: Question, profile: Profile) -> Exclusion | None:
    """None when the question applies to the profile, else the clause that fails."""
    return rule_exclusion(question.rule, profile)


def applies(question: Question, profile: Profile) -> bool:
    return rule_exclusion(question.rule, profile) is None
