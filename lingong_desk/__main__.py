from lingong_desk.app import main

raise SystemExit(main())
