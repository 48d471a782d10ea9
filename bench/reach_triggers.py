# Times the report moves of a merge (UPDATE reports SET case_id) and a bulk intake over the migrations up to N
# (8: before reach, 9: with its triggers), in memory with Python's sqlite3. Run from the repository root:
#   python3 bench/reach_triggers.py 9 5000
import sqlite3, glob, time, sys, random
upto = int(sys.argv[1]); n = int(sys.argv[2])
db = sqlite3.connect(":memory:")
for f in sorted(glob.glob("src/Triage.Server/Data/Migrations/Sqlite/*.sql")):
    if int(f.split("/")[-1][:4]) <= upto:
        db.executescript(open(f, encoding="utf-8").read())
t0 = "2026-11-01T00:00:00.000+00:00"
db.execute("INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (1, NULL, 'P', 'P', '/1/', 0, ?)", (t0,))
for u in range(2, 200):
    db.execute("INSERT INTO org_units (id, parent_id, code, name, path, depth, created_at) VALUES (?, 1, ?, ?, ?, 1, ?)", (u, f"C{u}", f"C{u}", f"/1/{u}/", t0))
    db.execute("INSERT INTO users (id, email, name, unit_id, security_stamp, created_at) VALUES (?, ?, 'x', ?, 's', ?)", (u, f"{u}@x", u, t0))
for c in (1, 2):
    db.execute("INSERT INTO cases (id, status, title, owner_unit_id, queue_id, first_reported_at, last_reported_at, created_at, updated_at) VALUES (?, 'new', 't', 1, 1, ?, ?, ?, ?)", (c, t0, t0, t0, t0))
plats = ["facebook", "tiktok", "zalo", "youtube", None]
rnd = random.Random(1)
start = time.perf_counter()
for c in (1, 2):
    for i in range(n):
        u = rnd.randrange(2, 200)
        db.execute("INSERT INTO reports (case_id, reporter_user_id, reporter_unit_id, platform, submitted_at) VALUES (?, ?, ?, ?, ?)", (c, u, u, rnd.choice(plats), t0))
        db.execute("INSERT OR IGNORE INTO case_reporter_units (case_id, unit_id) VALUES (?, ?)", (c, u))
intake = time.perf_counter() - start
start = time.perf_counter()
db.execute("UPDATE reports SET case_id = 1 WHERE case_id = 2")
db.execute("INSERT OR IGNORE INTO case_reporter_units (case_id, unit_id) SELECT 1, unit_id FROM case_reporter_units WHERE case_id = 2")
db.execute("DELETE FROM case_reporter_units WHERE case_id = 2")
merge = time.perf_counter() - start
extra = db.execute("SELECT reporter_unit_count, platform_count FROM cases WHERE id = 1").fetchone() if upto >= 9 else ""
print(f"migrations to {upto:04}: intake of {2*n} reports {intake*1000:.0f} ms ({intake*1e6/(2*n):.1f} us each), merge moving {n} reports {merge*1000:.1f} ms {extra}")
