"""The first year in practice in each UK nation: what it is called, who sets it, what it is judged against.

The route for newly qualified social workers shows these beside each case, so a reader in Scotland is
not told about the ASYE, and a reader in English children's services learns that the ASYE is being
replaced. The wording is ours; each scheme names the page it was checked against and when. A scheme
seen only in a secondary report says so on the page, as an unverified clause does.

Nothing here is practice evidence: working a fictional case is reflection and continuing professional
development, which is what the route says it helps with.
"""

from __future__ import annotations

from typing import NamedTuple

from .models import Jurisdiction, ServiceType
from .words import _


class FirstYearScheme(NamedTuple):
    key: str
    nation: Jurisdiction
    # Empty: every service in the nation; otherwise only these (England splits adults from children).
    services: frozenset[ServiceType]
    heading: str
    name: str
    set_by: str
    judged_against: str
    what_changes: str
    source_title: str
    source_url: str
    checked_on: str
    # False when the scheme was seen only in a secondary report, not on the issuer's own page.
    verified: bool
    unverified_reason: str = ""


CHILDREN = frozenset(
    {ServiceType.CHILDREN_AND_FAMILIES, ServiceType.FOSTERING_ADOPTION, ServiceType.YOUTH_JUSTICE}
)


def schemes() -> tuple[FirstYearScheme, ...]:
    """Every scheme, its words in the language being written (they are shown on the route's page)."""
    return (
        FirstYearScheme(
            key="england-children",
            nation=Jurisdiction.ENGLAND,
            services=CHILDREN,
            heading=_("England: children and families"),
            name=_("Assessed and Supported Year in Employment (ASYE), being replaced"),
            set_by=_("Department for Education; registration with Social Work England"),
            judged_against=_(
                "the post-qualifying standard, the knowledge and skills statement for child and family "
                "practitioners, until the child and family social worker early career standards take over on "
                "1 April 2027"
            ),
            what_changes=_(
                "The early career standards describe what child and family social workers should show in "
                "their first two years. They are the basis of an early career development programme that is "
                "due to replace the ASYE in children's services from September 2027. If you start before "
                "then, ask your employer which arrangement applies to you."
            ),
            source_title=_(
                "Child and family social worker early career standards (GOV.UK, published 18 February 2026)"
            ),
            source_url="https://www.gov.uk/government/publications/child-and-family-social-worker-early-career-standards",
            checked_on="2026-12-04",
            verified=True,
        ),
        FirstYearScheme(
            key="england-adults",
            nation=Jurisdiction.ENGLAND,
            services=frozenset(),
            heading=_("England: adult services and other settings"),
            name=_("Assessed and Supported Year in Employment (ASYE)"),
            set_by=_("Department of Health and Social Care; registration with Social Work England"),
            judged_against=_(
                "the knowledge and skills statement for social workers in adult services, published in 2015 "
                "to say what a social worker with adults should know and be able to do by the end of the "
                "ASYE"
            ),
            what_changes=_("No change to the adult ASYE had been announced when this page was checked."),
            source_title=_(
                "Knowledge and Skills Statements for social workers in adult services "
                "(Department of Health consultation page, 2017)"
            ),
            source_url="https://consultations.dh.gov.uk/social-care-workforce/knowledge-and-skills-for-adult-services-2017/",
            checked_on="2026-12-04",
            verified=True,
        ),
        FirstYearScheme(
            key="scotland",
            nation=Jurisdiction.SCOTLAND,
            services=frozenset(),
            heading=_("Scotland"),
            name=_("Newly Qualified Social Worker (NQSW) Supported Year"),
            set_by=_("Scottish Government, with the Scottish Social Services Council (SSSC)"),
            judged_against=_(
                "a year meant to be developmental: from the national roll-out planned for October 2024, "
                "employers must give the support set out in the SSSC's definitions of employer support, and "
                "newly qualified workers complete the continuous professional learning the SSSC requires of "
                "them"
            ),
            what_changes=_(
                "The supported year is part of a planned framework running from qualifying education to "
                "advanced practice."
            ),
            source_title=_("NQSW Supported Year (SSSC)"),
            source_url="https://nqsw.sssc.uk.com/nqsw-supported-year",
            checked_on="2026-12-04",
            verified=True,
        ),
        FirstYearScheme(
            key="wales",
            nation=Jurisdiction.WALES,
            services=frozenset(),
            heading=_("Wales"),
            name=_("Consolidation programme"),
            set_by=_("Social Care Wales, delivered by partnerships of employers and universities"),
            judged_against=_(
                "a qualification to complete within the first three-year registration period, for social "
                "workers who qualified in Wales on or after 1 April 2016"
            ),
            what_changes=_("Check the current requirements with Social Care Wales and your employer."),
            source_title=_(
                "Supporting early career social workers: lessons from Wales (Community Care, 5 February 2024)"
            ),
            source_url="https://www.communitycare.co.uk/2024/02/05/supporting-early-career-social-workers-lessons-from-wales/",
            checked_on="2026-12-04",
            verified=False,
            unverified_reason=_(
                "seen only in a trade journal's report; Social Care Wales's own page could not be read"
            ),
        ),
        FirstYearScheme(
            key="northern-ireland",
            nation=Jurisdiction.NORTHERN_IRELAND,
            services=frozenset(),
            heading=_("Northern Ireland"),
            name=_("Assessed Year in Employment (AYE)"),
            set_by=_("Northern Ireland Social Care Council (NISCC), under a Department of Health circular"),
            judged_against=_(
                "the National Occupational Standards for Social Work: newly qualified workers join the "
                "register with a condition that they complete the AYE, and it is lifted once the employer "
                "confirms to the Council that they are fit to practise as fully accountable social workers"
            ),
            what_changes=_("The Council audits a sample of completed years each year."),
            source_title=_("Assessed Year in Employment (NISCC)"),
            source_url="https://niscc.info/aye/",
            checked_on="2026-12-04",
            verified=True,
        ),
    )


def scheme_for(nation: Jurisdiction, service: ServiceType) -> FirstYearScheme | None:
    """The first-year scheme a worker in this nation and service would follow; None outside the UK nations."""
    for scheme in schemes():
        if scheme.nation is nation and (not scheme.services or service in scheme.services):
            return scheme
    return None
