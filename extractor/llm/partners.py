"""The partner vocabulary of the LLM path: the rule lexicon's codes, and what maps onto them.

One vocabulary serves both paths: the codes the answer schema allows are exactly
the codes of the rules' partner vocabulary (``rules/vocab/partners.toml``); a name
the model writes instead of a code ("Hoa Kỳ", "Korea") maps through the same
vocabulary, and an ISO alpha-3 code ("KOR") through ``ALPHA3``. Anything else is
re-asked, never guessed.
"""

from __future__ import annotations

import re
import unicodedata

from extractor.rules.vocab import VOCAB

PARTNERS: dict[str, str] = VOCAB.mapping("partner")  # name as written → code
PARTNER_CODES: tuple[str, ...] = tuple(sorted(set(PARTNERS.values())))

# ISO 3166 alpha-3 → alpha-2, for every country code of the vocabulary.
ALPHA3: dict[str, str] = dict(
    pair.split(":")
    for pair in (
        "ARE:AE AFG:AF AGO:AO ARG:AR AUT:AT AUS:AU AZE:AZ BGD:BD BEL:BE BFA:BF BGR:BG BHR:BH "
        "BEN:BJ BRN:BN BOL:BO BRA:BR BTN:BT BLR:BY CAN:CA COG:CG CHE:CH CIV:CI CHL:CL CMR:CM "
        "CHN:CN COL:CO CRI:CR CUB:CU CYP:CY CZE:CZ DEU:DE DNK:DK DMA:DM DOM:DO DZA:DZ ECU:EC "
        "EST:EE EGY:EG ESP:ES ETH:ET FIN:FI FJI:FJ FRA:FR GAB:GA GBR:GB GHA:GH GRC:GR GTM:GT "
        "HKG:HK HND:HN HRV:HR HUN:HU IDN:ID IRL:IE ISR:IL IND:IN IRQ:IQ IRN:IR ISL:IS ITA:IT "
        "JAM:JM JOR:JO JPN:JP KEN:KE KHM:KH PRK:KP KOR:KR KWT:KW KAZ:KZ LAO:LA LBN:LB LKA:LK "
        "LBR:LR LTU:LT LUX:LU LVA:LV LBY:LY MAR:MA MDG:MG MLI:ML MMR:MM MNG:MN MAC:MO MLT:MT "
        "MUS:MU MDV:MV MEX:MX MYS:MY MOZ:MZ NGA:NG NLD:NL NOR:NO NPL:NP NZL:NZ OMN:OM PAN:PA "
        "PER:PE PNG:PG PHL:PH PAK:PK POL:PL PRI:PR PRT:PT PRY:PY QAT:QA ROU:RO SRB:RS RUS:RU "
        "SAU:SA SDN:SD SWE:SE SGP:SG SVN:SI SVK:SK SLE:SL SEN:SN SYR:SY TGO:TG THA:TH TLS:TL "
        "TKM:TM TUN:TN TUR:TR TWN:TW TZA:TZ UKR:UA UGA:UG USA:US URY:UY UZB:UZ VEN:VE YEM:YE "
        "ZAF:ZA ZMB:ZM ZWE:ZW"
    ).split()
)
ALIASES: dict[str, str] = {"UK": "GB", "U.S.": "US", "U.S": "US"}

_CODES = frozenset(PARTNER_CODES)


def partner_code(written: str) -> str | None:
    """The vocabulary's code for what the model wrote; None for blank; ValueError otherwise."""
    text = re.sub(r"\s*\(.*?\)\s*", " ", unicodedata.normalize("NFC", written)).strip()
    if not text:
        return None
    upper = text.upper()
    code = (
        upper
        if upper in _CODES
        else ALIASES.get(upper) or ALPHA3.get(upper) or PARTNERS.get(text.lower())
    )
    if code is None:
        raise ValueError(
            f"partner {written!r} is not in the partner list: write a two-letter country code "
            "such as 'US', 'CN', 'KR', or 'EU' / 'ASEAN', or null"
        )
    return code
