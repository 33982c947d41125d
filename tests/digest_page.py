"""A district-news digest page made up for the tests (page chrome, then dated articles), for the
export-position and disagreement tests."""

DIGEST = """Prairie Courier — district news
03.02.2026, 10:20 311
District to repair four bridges this spring
Tell a friend
The district akimat said four bridges on the Ural road will be repaired by June 2026. \
The district budget has allocated 740 million tenge for the works.
This information may not be reproduced without reference to Prairie Courier.
02.02.2026, 15:05 208
Bus fleet grows by 25 vehicles
Tell a friend
Twenty-five new buses arrived in the district centre. \
The regional budget spent 1.9 billion tenge on the purchase, and 12 more buses will be delivered by the end of 2026.
This information may not be reproduced without reference to Prairie Courier.
Most viewed
"""
