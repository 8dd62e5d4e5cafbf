"""The bundle's entry point (packaging/doorstep.spec): ``main.py`` for a frozen copy.

The probe pool, the audit check and the feed check start their children with
multiprocessing's spawn, which in a bundle runs this executable again with the child's
arguments; ``freeze_support`` turns such a start into the child instead of a second
Doorstep. PyInstaller's multiprocessing hook has imported multiprocessing already.

The bundle's OpenSSL looks for trusted certificates where the build machine's
distribution keeps them; ``use_system_trust_store`` points it at this system's
(db/net/trust_store.py), with certifi's copy in the bundle as the last resort."""

import multiprocessing
import os
import sys

from db.net.trust_store import use_system_trust_store
from desktop.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    use_system_trust_store(os.path.join(sys._MEIPASS, "certifi", "cacert.pem"))
    sys.exit(main())
