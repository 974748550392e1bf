from claimkb.cli import main

raise SystemExit(main())
