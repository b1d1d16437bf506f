# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A local AWS for pki.acmpca: moto, plus what moto lacks or does more laxly than AWS for
ACM PCA sharing, and the harness that runs the collection against it (see README.md)."""
