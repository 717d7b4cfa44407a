"""The FHIR R4 shapes ankang stores: validation at the edges, index fields, dates, consent, bundles.

`fhir.resources` ships R5 (its default package), R4B and STU3 models; ankang validates with the
R4B models (FHIR 4.3, the R4-compatible release: the resources stored here have the R4 shape).
"""

from ankang.fhir.validate import FHIR_VERSION, RECORD_TYPES, parse_resource

__all__ = ["FHIR_VERSION", "RECORD_TYPES", "parse_resource"]
