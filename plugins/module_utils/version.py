# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The collection's name and version, as galaxy.yml gives them (a unit test keeps them equal).

Written here because a module runs as an AnsiballZ payload, which carries module_utils but
not galaxy.yml; bump COLLECTION_VERSION with galaxy.yml's version on a release.
"""

COLLECTION_NAME = 'pki.acmpca'
COLLECTION_VERSION = '0.1.0'
