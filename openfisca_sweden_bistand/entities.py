"""Entities: the person (*person*) and the household (*hushåll*) that applies.

Who belongs to the household follows Socialstyrelsen's allmänna råd
(SOSFS 2013:1, as amended by HSLF-FS 2021:31): spouses, registered partners and
sambor, and the children and young people under 21 whom the adults must
support (föräldrabalken 7 kap. 1 §: until 18, or until 21 while in school).

Names are a contract: outside tests and integrators use them.
"""

from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="personer",
    label="Person",
    doc="""
    En enskild person i ett hushåll som ansöker om ekonomiskt bistånd.

    Personal facts (ålder, skolgång, inkomster) are set on the person; the
    riksnorm's personal costs are computed per person.
    """,
    is_person=True,
)

Hushall = build_entity(
    key="hushall",
    plural="hushallen",
    label="Hushåll",
    doc="""
    Det hushåll som ansöker om försörjningsstöd.

    Roles:
    - ``vuxen`` (plural ``vuxna``, at most 2): the applicant and the applicant's
      spouse, registered partner or sambo. Two adults are treated as sambor
      (a couple) under the riksnorm.
    - ``barn`` (plural ``barnen``): children and school-age youth under 21
      whom the adults must support.

    An adult who is in hushållsgemenskap with others without being their sambo
    (e.g. an adult child living with parents) applies as a household of their
    own; ``personer_i_gemensamt_boende`` gives the size of the hushållsgemenskap
    (a lodger with a separate economy is not in it).
    """,
    roles=[
        {
            "key": "vuxen",
            "plural": "vuxna",
            "label": "Vuxen",
            "doc": "Sökande och make, maka, registrerad partner eller sambo.",
            "max": 2,
        },
        {
            "key": "barn",
            "plural": "barnen",
            "label": "Barn eller skolungdom",
            "doc": "Hemmavarande barn och skolungdom under 21 år som de vuxna ska försörja.",
        },
    ],
)

entities = [Hushall, Person]
