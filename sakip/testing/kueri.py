"""Query counts shared by the page tests.

Every page of the base layout pays for its navigation; page tests add this constant to their own
count, so a change of the layout's queries is made here once, with its reason.
"""

# session + user (2) and the memberships for the permission check (1)
SESI_DAN_IZIN = 3
# the base layout's navigation: the OPDs and Pemda the user sees (2)
NAVIGASI = 2
# the workflow inbox count in the navigation (sakip.alur), for roles that act on quarters
TUGAS = 1
# the entry windows the consistency checker reads (sakip.alur)
JENDELA = 1
