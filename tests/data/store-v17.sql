-- A store of schema version 17 (up to 0017-report-texts.sql) with rows in every table, as 'sqlite3 .dump'
-- writes it: store-v16.sql upgraded by 0017-report-texts.sql, and one evidence file (佐证材料) of a milestone.
-- Kept unchanged: tests open it with the current code and check that it upgrades and reads back.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE projects (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length (trim (name)) > 0),
  level           TEXT NOT NULL DEFAULT 'higher' CHECK (level IN ('secondary', 'higher')),
  start_date      TEXT,
  end_date        TEXT,
  industry_chain  TEXT,
  description     TEXT,
  contact_name    TEXT,
  contact_phone   TEXT,
  contact_email   TEXT,
  baseline_date   TEXT,
  baseline_count  INTEGER,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
INSERT INTO projects VALUES('0f1e2d3c-0000-4000-8000-000000000001','夹具项目','higher','2025-09-01','2026-09-01',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
CREATE TABLE project_majors (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('core', 'served')),
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (project_id, code)
);
INSERT INTO project_majors VALUES('0f1e2d3c-0000-4000-8000-000000000002','0f1e2d3c-0000-4000-8000-000000000001','core','460103','数控技术',0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
CREATE TABLE units (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length (trim (name)) > 0),
  kind         TEXT NOT NULL CHECK (kind IN ('secondary-vocational', 'higher-vocational', 'university',
                                             'industry', 'enterprise', 'research')),
  role         TEXT NOT NULL CHECK (role IN ('host', 'participant')),
  host_rank    INTEGER,
  credit_code  TEXT,
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
INSERT INTO units VALUES('0f1e2d3c-0000-4000-8000-000000000003','0f1e2d3c-0000-4000-8000-000000000001','河南工业职业技术学院','higher-vocational','host',1,'12410000415800577U',0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
INSERT INTO units VALUES('0f1e2d3c-0000-4000-8000-000000000004','0f1e2d3c-0000-4000-8000-000000000001','郑州机床厂','enterprise','participant',NULL,NULL,0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
CREATE TABLE members (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (length (trim (name)) > 0),
  title       TEXT,
  duty        TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
, leader TEXT NOT NULL DEFAULT 'no' CHECK (leader IN ('no', 'yes')), dual_qualified TEXT NOT NULL DEFAULT 'no' CHECK (dual_qualified IN ('no', 'yes')), enterprise TEXT NOT NULL DEFAULT 'no' CHECK (enterprise IN ('no', 'yes')), birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100), office TEXT);
INSERT INTO members VALUES('0f1e2d3c-0000-4000-8000-000000000005','0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000003','王老师','教授','课程负责人',0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z','no','no','no',NULL,NULL);
CREATE TABLE course_nodes (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  course_id   TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  parent_id   TEXT REFERENCES course_nodes (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('module', 'chapter', 'knowledge', 'skill')),
  title       TEXT NOT NULL CHECK (length (trim (title)) > 0),
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
INSERT INTO course_nodes VALUES('0f1e2d3c-0000-4000-8000-000000000021','0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000020',NULL,'module','车削加工',0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
INSERT INTO course_nodes VALUES('0f1e2d3c-0000-4000-8000-000000000022','0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000020','0f1e2d3c-0000-4000-8000-000000000021','knowledge','切削用量',0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
INSERT INTO course_nodes VALUES('0f1e2d3c-0000-4000-8000-000000000025','0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000024',NULL,'skill','车铣复合编程',0,'2025-10-02T08:00:00.000000Z','2025-10-02T08:00:00.000000Z');
CREATE TABLE blobs (
  sha256      TEXT PRIMARY KEY CHECK (length (sha256) = 64),
  size        INTEGER NOT NULL CHECK (size >= 0),
  mime_type   TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
INSERT INTO blobs VALUES('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',1,'text/plain','2025-10-01T08:00:00.000000Z');
INSERT INTO blobs VALUES('3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d',1,'text/plain','2025-10-01T08:00:00.000000Z');
CREATE TABLE resource_authors (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL CHECK (length (trim (name)) > 0),
  PRIMARY KEY (resource_id, position)
) WITHOUT ROWID;
INSERT INTO resource_authors VALUES('0f1e2d3c-0000-4000-8000-000000000010',0,'王老师');
INSERT INTO resource_authors VALUES('0f1e2d3c-0000-4000-8000-000000000011',0,'王老师');
CREATE TABLE resource_keywords (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  keyword      TEXT NOT NULL CHECK (length (trim (keyword)) > 0),
  PRIMARY KEY (resource_id, keyword)
) WITHOUT ROWID;
INSERT INTO resource_keywords VALUES('0f1e2d3c-0000-4000-8000-000000000010','机械');
INSERT INTO resource_keywords VALUES('0f1e2d3c-0000-4000-8000-000000000011','机械');
CREATE TABLE resource_nodes (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  node_id      TEXT NOT NULL REFERENCES course_nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (resource_id, node_id)
) WITHOUT ROWID;
INSERT INTO resource_nodes VALUES('0f1e2d3c-0000-4000-8000-000000000010','0f1e2d3c-0000-4000-8000-000000000022');
INSERT INTO resource_nodes VALUES('0f1e2d3c-0000-4000-8000-000000000010','0f1e2d3c-0000-4000-8000-000000000025');
CREATE TABLE budget_lines (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  unit_id       TEXT REFERENCES units (id) ON DELETE SET NULL,
  source        TEXT NOT NULL,
  category      TEXT NOT NULL,
  amount_cents  INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
  note          TEXT,
  position      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
, year INTEGER CHECK (year BETWEEN 2000 AND 2100), received_cents INTEGER CHECK (received_cents >= 0), spent_cents INTEGER CHECK (spent_cents >= 0));
INSERT INTO budget_lines VALUES('0f1e2d3c-0000-4000-8000-000000000030','0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000003','举办方投入','资源建设',12345600,NULL,0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z',NULL,NULL,NULL);
CREATE TABLE milestones (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length (trim (title)) > 0),
  due_date    TEXT,
  done_date   TEXT,
  note        TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
, deliverable TEXT, quantity INTEGER CHECK (quantity >= 0), evidence_url TEXT);
INSERT INTO milestones VALUES('0f1e2d3c-0000-4000-8000-000000000031','0f1e2d3c-0000-4000-8000-000000000001','完成课程建设','2026-06-30',NULL,NULL,0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z',NULL,NULL,NULL);
CREATE TABLE declarations (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL DEFAULT 'ip' CHECK (kind IN ('ip')),
  signed_by   TEXT,
  signed_on   TEXT,
  note        TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (unit_id, kind)
);
INSERT INTO declarations VALUES('0f1e2d3c-0000-4000-8000-000000000032','0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000004','ip','李厂长','2025-10-02',NULL,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
CREATE TABLE submissions (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('application', 'progress', 'acceptance', 'contribution')),
  package_path    TEXT NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  endpoint        TEXT,
  upload_url      TEXT,
  upload_offset   INTEGER NOT NULL DEFAULT 0,
  expires_at      TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  completed_at    TEXT
, source TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'store')), bag_name TEXT, mtime INTEGER, tar_sha256 TEXT CHECK (tar_sha256 IS NULL OR length (tar_sha256) = 64), hash_offset INTEGER NOT NULL DEFAULT 0, hash_state BLOB, plan_complete INTEGER NOT NULL DEFAULT 0);
INSERT INTO submissions VALUES('0f1e2d3c-0000-4000-8000-000000000033','0f1e2d3c-0000-4000-8000-000000000001','progress','/home/wang/进度.tar',20480,'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08','https://example.org/files/','https://example.org/files/abc',10240,'2025-10-09T08:00:00Z',1,NULL,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z',NULL,'file',NULL,NULL,NULL,0,NULL,0);
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  project_id    TEXT,
  subject_kind  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  action        TEXT NOT NULL,
  detail        TEXT
);
INSERT INTO events VALUES(1,'2025-10-01T08:00:00.000000Z','王老师','0f1e2d3c-0000-4000-8000-000000000001','resource','0f1e2d3c-0000-4000-8000-000000000010','create','{}');
INSERT INTO events VALUES(2,'2025-10-01T08:00:00.000000Z','王老师','0f1e2d3c-0000-4000-8000-000000000001','resource','0f1e2d3c-0000-4000-8000-000000000011','create','{}');
INSERT INTO events VALUES(3,'2025-10-01T09:00:00.000000Z','王老师','0f1e2d3c-0000-4000-8000-000000000001','project','0f1e2d3c-0000-4000-8000-000000000001','pack','{"kind":"progress","bag":"bag-progress","path":"/home/wang/进度.tar","size":20480,"mtime_ns":1759309200000000000,"device":2049,"inode":131077,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}');
INSERT INTO events VALUES(4,'2025-10-02T09:00:00.000000Z','王老师','0f1e2d3c-0000-4000-8000-000000000001','project','0f1e2d3c-0000-4000-8000-000000000001','hash','{"path":"/home/wang/进度.tar","size":20480,"mtime_ns":1759395600000000000,"device":2049,"inode":131077,"sha256":"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','resource_bigrams','resource_bigrams',0,'CREATE VIRTUAL TABLE resource_bigrams USING fts5 (grams, tokenize = ''unicode61 remove_diacritics 0'')');
CREATE TABLE IF NOT EXISTS 'resource_bigrams_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO resource_bigrams_data VALUES(1,X'028104');
INSERT INTO resource_bigrams_data VALUES(10,X'000000000109090009010101020101030101040101050101060101070101080101090101');
INSERT INTO resource_bigrams_data VALUES(137438953473,X'0000003203307478010205010278740102060106e5898ae59fba01020302059fbae7a1800102040106e8bda6e5898a0102020407070b0a');
INSERT INTO resource_bigrams_data VALUES(274877906945,X'0000003d03307478010305010278740103060106e5898ae59fba01030302059fbae7a1800103040106e69cbae6a2b00102070106e8bda6e5898a0103020407070b0a0b');
INSERT INTO resource_bigrams_data VALUES(412316860417,X'0000003203307478020205010278740202060106e5898ae59fba02020302059fbae7a1800202040106e993a3e5898a0202020407070b0a');
INSERT INTO resource_bigrams_data VALUES(549755813889,X'0000003d03307478020305010278740203060106e5898ae59fba02030302059fbae7a1800203040106e69cbae6a2b00202070106e993a3e5898a0203020407070b0a0b');
INSERT INTO resource_bigrams_data VALUES(687194767361,X'0000004b033074780101010101027874010101010106e5898ae59fba0101010102059fbae7a180010101010106e69cbae6a2b0010101010106e8bda6e5898a01010106e993a3e5898a02010408080c0b0c0a');
INSERT INTO resource_bigrams_data VALUES(824633720833,X'000000ac02303001020901013102020901017401040a0501040a0502017801020c01020c01017801020b01020b02017401020e01020e0103e5898a0102030102030403e59fba01020601020602029fba0102050102050403e7a1800102080102080103e69cba01020f01020f0403e6a2b00102110102110202a2b00102100102100103e7a1800102070102070103e8bda60102020403e5898a0102040103e993a30202020403e5898a0202040406060b0909090b0b0a0b0b0b0a0b080808');
INSERT INTO resource_bigrams_data VALUES(962072674305,X'0000008c02303001010101310201010174010101010201780101010101017801010101020174010101010103e5898a010101010403e59fba0101010102029fba010101010403e7a180010101010103e69cba010101010403e6a2b0010101010202a2b0010101010103e7a180010101010103e8bda601010403e5898a01010103e993a302010403e5898a0201040505070707070909080909090809070707');
INSERT INTO resource_bigrams_data VALUES(1099511627777,X'0000020802303001020901013102020901017401040a0501040a0502017801020c01020c01017801020b01020b02017401020e01020e0103e4b89a01041c0601041c060403e68a800102230102230403e8818c01021f01021f0103e5888701022a0403e5898a01022c0202898a0108032a090d0102030403e58aa001023505029fba0102060102060403e794a801022e02028aa00102340403e5b7a501023702028d970102180102180403e5b7a501021b01021b02029fba0102050102050403e7a1800102080102080202ada60102260102260403e999a20102290102290202b7a501041a1e01021a0403e4b89a01021d01021d0202b8880102150102150103e68a800102220102220403e69caf01022501022502028ea70102390403e8bda601023c020295b00102380403e68ea701023a02029caf0102240102240403e5ada60102270102270301ba01020f01020f0403e6a2b00102110102110202a2b00102100102100202b2b30102170102170403e58d970102190102190103e78e8b0102120102120403e88081010214010214020294a801022d0403e9878f0102300202a1800102070102070103e880810102130102130403e5b8880102160102160202818c01021e01021e0403e4b89a0102210102210202bda6010602310c0403e5898a010604310d0103e9878f01022f020293a30202020403e5898a020204020299a20102280102280406060b0909090d0b0b08080d080a0807080a0b0a0b0a0b0b0b0a0b0b070807080a0b090b0a0a0b0b0b07080a0b0b0a0b090a080708');
INSERT INTO resource_bigrams_data VALUES(1236950581249,X'0000021f02303001030901013101025501017401050a0502017801030c01017801050b4d02017401030e0103e4b89a01051c060403e68a800103230403e8818c01031f0202b9a60102580403e59fb901025b0103e5888701032a0403e5898a01032c0202898a0109032a090d0403e58aa001033505029fba0103060403e794a801032e02028aa00105341f0403e5b7a50105371f02028d970103180403e5b7a501031b020290880102440403e7bc9601024702029fb901025a0403e8aead01025d0301ba0103050403e7a1800103080202a48d0102420403e590880102450202ada60103260403e999a20103290202b7a501071a1e1f0403e4b89a01031d0202b8880103150103e68a800103220403e69caf01032502028ea7010539140403e8bda601053c14020295b0010538140403e68ea701053a1402029caf0103240403e5ada60103270301ba01030f0403e6a2b00103110202a2b00103100202b2b30103170403e58d970103190103e78e8b0103120403e88081010314020294a801032d0403e9878f0103300202a1800103070202a88b0102480202bc960102460403e7a88b0102490103e880810103130403e5b8880103160202818c01031e0403e4b89a0103210202aead01025c0202af810102570403e4b9a60102590202bda6010b02310c06100403e5898a010704310d0403e993a3010441110103e9878f01032f020293a3010440110403e58aa00102520502a48d010243020299a201032804060607060706090808070808080a0807080809070807080708060807080708090807080808090809070806080707080808070807070708080807080707080b0a0908080807');
CREATE TABLE IF NOT EXISTS 'resource_bigrams_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO resource_bigrams_idx VALUES(1,X'',2);
INSERT INTO resource_bigrams_idx VALUES(2,X'',2);
INSERT INTO resource_bigrams_idx VALUES(3,X'',2);
INSERT INTO resource_bigrams_idx VALUES(4,X'',2);
INSERT INTO resource_bigrams_idx VALUES(5,X'',2);
INSERT INTO resource_bigrams_idx VALUES(6,X'',2);
INSERT INTO resource_bigrams_idx VALUES(7,X'',2);
INSERT INTO resource_bigrams_idx VALUES(8,X'',2);
INSERT INTO resource_bigrams_idx VALUES(9,X'',2);
CREATE TABLE IF NOT EXISTS 'resource_bigrams_content'(id INTEGER PRIMARY KEY, c0);
INSERT INTO resource_bigrams_content VALUES(1,'车 削 车削 基 削基 础 基础 0 t x tx t xt 机 械 机械 王 老 王老 师 老师 河 南 河南 工 南工 业 工业 职 业职 业 职业 技 业技 术 技术 学 术学 院 学院 切 削 切削 用 削用 量 用量 车 削 车削 加 削加 工 加工 数 控 数控 车 控车 削 车削 车 铣 车铣 复 铣复 合 复合 编 合编 程 编程 数 控 数控 车 控车 铣 车铣 加 铣加 工 加工 1 x 证 书 证书 培 书培 训 培训 ');
INSERT INTO resource_bigrams_content VALUES(2,'铣 削 铣削 基 削基 础 基础 1 t x tx t xt 机 械 机械 王 老 王老 师 老师 河 南 河南 工 南工 业 工业 职 业职 业 职业 技 业技 术 技术 学 术学 院 学院 ');
CREATE TABLE IF NOT EXISTS 'resource_bigrams_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO resource_bigrams_docsize VALUES(1,X'5c');
INSERT INTO resource_bigrams_docsize VALUES(2,X'28');
CREATE TABLE IF NOT EXISTS 'resource_bigrams_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO resource_bigrams_config VALUES('version',4);
CREATE TABLE probes (
  sha256         TEXT PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  version        INTEGER NOT NULL CHECK (version >= 0),
  probed_at      TEXT NOT NULL,
  mime_type      TEXT,
  container      TEXT,
  video_codec    TEXT,
  audio_codec    TEXT,
  width          INTEGER NOT NULL DEFAULT 0,
  height         INTEGER NOT NULL DEFAULT 0,
  frame_rate     REAL NOT NULL DEFAULT 0,
  video_bitrate  INTEGER NOT NULL DEFAULT 0,
  audio_bitrate  INTEGER NOT NULL DEFAULT 0,
  duration       REAL NOT NULL DEFAULT 0,
  sample_rate    INTEGER NOT NULL DEFAULT 0,
  channels       INTEGER NOT NULL DEFAULT 0,
  error          TEXT
);
INSERT INTO probes VALUES('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',1,'2025-10-01T08:30:00.000000Z','text/plain',NULL,NULL,NULL,0,0,0.0,0,0,0.0,0,0,NULL);
INSERT INTO probes VALUES('3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d',1,'2025-10-01T08:30:00.000000Z','text/plain',NULL,NULL,NULL,0,0,0.0,0,0,0.0,0,0,'无法读取');
CREATE TABLE sync_versions (
  kind       TEXT NOT NULL,        -- the entity's name: 'project', 'unit', 'resource', …
  record_id  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  refused    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, record_id, sha256)
) WITHOUT ROWID;
INSERT INTO sync_versions VALUES('project','0f1e2d3c-0000-4000-8000-000000000001','60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752',1);
INSERT INTO sync_versions VALUES('resource','0f1e2d3c-0000-4000-8000-000000000010','1b4f0e9851971998e732078544c96b36c3d01cedf7caa332359d6f1d83567014',0);
CREATE TABLE sync_bases (
  kind       TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
INSERT INTO sync_bases VALUES('resource','0f1e2d3c-0000-4000-8000-000000000010','1b4f0e9851971998e732078544c96b36c3d01cedf7caa332359d6f1d83567014');
CREATE TABLE check_runs (
  id               INTEGER PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  profile_id       TEXT NOT NULL,
  profile_version  TEXT,
  checked_at       TEXT NOT NULL,
  n_errors         INTEGER NOT NULL DEFAULT 0 CHECK (n_errors >= 0),
  n_warnings       INTEGER NOT NULL DEFAULT 0 CHECK (n_warnings >= 0),
  n_notes          INTEGER NOT NULL DEFAULT 0 CHECK (n_notes >= 0),
  findings         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (findings))
);
INSERT INTO check_runs VALUES(1,'0f1e2d3c-0000-4000-8000-000000000001','henan-2024','2024.1','2025-10-03T08:00:00.000000Z',1,2,0,'[{"rule":"resource.title","severity":"error"}]');
CREATE TABLE package_builds (
  id          INTEGER PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  built       INTEGER NOT NULL DEFAULT 1,
  kind        TEXT CHECK (kind IN ('application', 'progress', 'acceptance', 'contribution')),
  bag_name    TEXT,
  path        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  device      INTEGER NOT NULL,
  inode       INTEGER NOT NULL,
  sha256      TEXT CHECK (length (sha256) = 64),
  at          TEXT NOT NULL
);
INSERT INTO package_builds VALUES(1,'0f1e2d3c-0000-4000-8000-000000000001',1,'progress','bag-progress','/home/wang/进度.tar',20480,1759309200000000000,2049,131077,'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08','2025-10-01T09:00:00.000000Z');
INSERT INTO package_builds VALUES(2,'0f1e2d3c-0000-4000-8000-000000000001',0,NULL,NULL,'/home/wang/进度.tar',20480,1759395600000000000,2049,131077,'2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae','2025-10-02T09:00:00.000000Z');
CREATE TABLE conflicts (
  id             INTEGER PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  record_id      TEXT NOT NULL,
  theirs         TEXT NOT NULL CHECK (json_valid (theirs)),
  theirs_sha256  TEXT NOT NULL CHECK (length (theirs_sha256) = 64),   -- its content's version (reslib-sync.h)
  bag            TEXT,
  received_at    TEXT NOT NULL,
  resolved_at    TEXT,
  resolution     TEXT CHECK (resolution IN ('mine', 'theirs', 'both')),
  copy_id        TEXT,                -- keep both: the resource made of theirs
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
INSERT INTO conflicts VALUES(1,'0f1e2d3c-0000-4000-8000-000000000001','resource','0f1e2d3c-0000-4000-8000-000000000010','{"id":"0f1e2d3c-0000-4000-8000-000000000010","title":"车削（教师版）"}','4c55a8552a2c7261f61f798c2265e6f13358f326ae5b934096ff16bd15e62c33','reslib-contribution-0f1e2d3c-20251101','2025-11-01T08:00:00.000000Z',NULL,NULL,NULL);
CREATE TABLE project_roles (
  project_id  TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'teacher')),
  joined_at   TEXT NOT NULL,
  source_bag  TEXT
);
CREATE TABLE record_map (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  foreign_id  TEXT NOT NULL,
  local_id    TEXT NOT NULL,
  PRIMARY KEY (project_id, kind, foreign_id)
) WITHOUT ROWID;
CREATE TABLE submission_members (
  submission_id  TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  offset         INTEGER NOT NULL CHECK (offset >= 0),
  path           TEXT NOT NULL,                           -- inside the bag; '' for the bag's folder, '…/' a folder
  size           INTEGER NOT NULL CHECK (size >= 0),
  mode           INTEGER NOT NULL,
  blob_sha256    TEXT CHECK (blob_sha256 IS NULL OR length (blob_sha256) = 64),
  data           BLOB,
  PRIMARY KEY (submission_id, seq)
) WITHOUT ROWID;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','resource_fts','resource_fts',0,'CREATE VIRTUAL TABLE resource_fts USING fts5 (title, description, keywords, file_name, names, tokenize = ''trigram'')');
CREATE TABLE IF NOT EXISTS 'resource_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO resource_fts_data VALUES(1,X'020400000640');
INSERT INTO resource_fts_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO resource_fts_data VALUES(137438953473,X'00000215083020e58887e5898a01060104100206e695b0e68ea7010601041a0305b2b3e58d97010601040501060104050206e8bda6e5898a010601041501032e7478010601030301060103030103302e7401060103020103312e7402060103020103747874010601030401060103040109e4b89ae68a80e69caf010601040b010601040b0406e8818ce4b89a010601040901060104090109e58887e5898ae794a801060104110208898ae58aa0e5b7a5010601041705059fbae7a1800102030102030406e794a8e9878f010601041202068aa0e5b7a520010601041802088d97e5b7a5e4b89a010601040701060104070206ada6e999a220010601040e010601040e0206b7a520e695b001060104190406e4b89ae8818c010601040801060104080206b88820e6b2b3010601040401060104040109e68a80e69cafe5ada6010601040c010601040c02088ea7e8bda6e5898a010601041c020895b0e68ea7e8bda6010601041b02089cafe5ada6e999a2010601040d010601040d0208b2b3e58d97e5b7a5010601040601060104060109e78e8be88081e5b88801060104020106010402020694a8e9878f2001060104130107e88081e5b88820010601040301060104030208818ce4b89ae68a80010601040a010601040a0208bda6e5898ae58aa0010601041608029fba0102020107e9878f20e8bda60106010414020893a3e5898ae59fba020202020699a220e58887010601040f040e0d110d0f0a0a0f1512100f0d0d0d14120d1212150f0f1414150d13140f070e0d');
INSERT INTO resource_fts_data VALUES(274877906945,X'000002a706302020e695b001060104260202312b010601042e0206e58887e5898a01070104100206e695b0e68ea7010901041a0f0305b2b3e58d9701070104050206e8af81e4b9a601060104320305bda6e5898a01070104150503e993a3010601041f01032b7820010601043001032e747801070103030103302e7401070103020103312b78010601042f0103747874010701030401057820e8af8101060104310109e4b89ae68a80e69caf010701040b0406e8818ce4b89a01070104090208b9a6e59fb9e8aead01060104340109e58887e5898ae794a801070104110206898a20e8bda6010601041e0406e58aa0e5b7a5010701041705059fbae7a1800103030406e794a8e9878f010701041202068aa0e5b7a52001090104181602088d97e5b7a5e4b89a010701040702089088e7bc96e7a88b01060104230208a48de59088e7bc9601060104220206ada6e999a220010701040e0204b7a52031010601042d0503e695b001070104190406e4b89ae8818c01070104080206b88820e6b2b301070104040109e68a80e69cafe5ada6010701040c02088ea7e8bda6e5898a010701041c0703e993a30106010429020895b0e68ea7e8bda6010901041b0f02089cafe5ada6e999a2010701040d0208b2b3e58d97e5b7a501070104060109e78e8be88081e5b8880107010402020694a8e9878f2001070104130204a88b202001060104250206bc96e7a88b2001060104240107e88081e5b8882001070104030208818ce4b89ae68a80010701040a0208af81e4b9a6e59fb901060104330206bda6e5898a20010601041d0703e58aa0010701041608029fba0103020406e993a3e58aa0010601042a0802a48d01060104200107e9878f20e8bda60107010414020893a3e58aa0e5b7a5010601042b0505a48de590880106010421020699a220e58887010701040f040c090d0e0c0d0c0a0a0a0a0a0a0c100d0f100d0d0a0d0e0f0f0f0d0b0a0d0d100f0a100f0f100d0b0d0e0f0f0d0a070d090e0f0c');
CREATE TABLE IF NOT EXISTS 'resource_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO resource_fts_idx VALUES(1,X'',2);
INSERT INTO resource_fts_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'resource_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4);
INSERT INTO resource_fts_content VALUES(1,'车削基础',NULL,'机械','0.txt','王老师 河南工业职业技术学院 切削用量 车削加工 数控车削 车铣复合编程  数控车铣加工 1+X 证书培训');
INSERT INTO resource_fts_content VALUES(2,'铣削基础',NULL,'机械','1.txt','王老师 河南工业职业技术学院 ');
CREATE TABLE IF NOT EXISTS 'resource_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO resource_fts_docsize VALUES(1,X'0200000333');
INSERT INTO resource_fts_docsize VALUES(2,X'020000030d');
CREATE TABLE IF NOT EXISTS 'resource_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO resource_fts_config VALUES('version',4);
CREATE TABLE resource_versions (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL CHECK (version >= 1),
  blob_sha256  TEXT NOT NULL CHECK (length (blob_sha256) = 64),
  file_name    TEXT NOT NULL,
  size         INTEGER,
  replaced_at  TEXT NOT NULL,
  replaced_by  TEXT,
  PRIMARY KEY (resource_id, version)
) WITHOUT ROWID;
CREATE TABLE targets (
  id             TEXT PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('resources', 'resource-type', 'course-resources', 'questions',
                                               'standard-courses', 'personal-courses', 'training-packages')),
  resource_type  TEXT CHECK (resource_type IN ('text', 'slides', 'image', 'audio', 'video', 'animation',
                                               'simulation', 'exercise', 'case', 'other')),
  course_id      TEXT REFERENCES courses (id) ON DELETE CASCADE,
  planned        INTEGER NOT NULL CHECK (planned >= 0),
  note           TEXT,
  position       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((kind = 'resource-type') = (resource_type IS NOT NULL)),
  CHECK ((kind = 'course-resources') = (course_id IS NOT NULL))
);
INSERT INTO targets VALUES('0f1e2d3c-0000-4000-8000-000000000041','0f1e2d3c-0000-4000-8000-000000000001','resources',NULL,NULL,10,'任务书',0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
INSERT INTO targets VALUES('0f1e2d3c-0000-4000-8000-000000000042','0f1e2d3c-0000-4000-8000-000000000001','course-resources',NULL,'0f1e2d3c-0000-4000-8000-000000000020',5,NULL,1,'2025-10-02T08:00:00.000000Z','2025-10-02T08:00:00.000000Z');
CREATE TABLE usage_periods (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL CHECK (period_end >= period_start),
  students         INTEGER NOT NULL CHECK (students >= 0),
  teachers         INTEGER NOT NULL CHECK (teachers >= 0),
  employees        INTEGER NOT NULL CHECK (employees >= 0),
  public_learners  INTEGER NOT NULL CHECK (public_learners >= 0),
  learners         INTEGER NOT NULL CHECK (learners >= 0),
  schools          INTEGER NOT NULL CHECK (schools >= 0),
  visits           INTEGER NOT NULL CHECK (visits >= 0),
  source           TEXT,
  imported_at      TEXT NOT NULL,
  UNIQUE (project_id, period_start, period_end)
);
INSERT INTO usage_periods VALUES('0f1e2d3c-0000-4000-8000-000000000050','0f1e2d3c-0000-4000-8000-000000000001','2026-01-01','2026-06-30',1200,80,150,300,900,12,45000,'智慧职教','2026-07-01T08:00:00.000000Z');
CREATE TABLE IF NOT EXISTS "courses" (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  kind            TEXT NOT NULL DEFAULT 'standardized' CHECK (kind IN ('standardized', 'personalised', 'training')),
  code            TEXT,
  hours           INTEGER CHECK (hours >= 0),
  credits         TEXT,
  lead_member_id  TEXT REFERENCES members (id) ON DELETE SET NULL,
  major_id        TEXT REFERENCES project_majors (id) ON DELETE SET NULL,
  url             TEXT,
  certificate     TEXT,
  position        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
INSERT INTO courses VALUES('0f1e2d3c-0000-4000-8000-000000000020','0f1e2d3c-0000-4000-8000-000000000001','数控车削','standardized',NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z');
INSERT INTO courses VALUES('0f1e2d3c-0000-4000-8000-000000000023','0f1e2d3c-0000-4000-8000-000000000001','企业员工培训','training',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,'2025-10-02T08:00:00.000000Z','2025-10-02T08:00:00.000000Z');
INSERT INTO courses VALUES('0f1e2d3c-0000-4000-8000-000000000024','0f1e2d3c-0000-4000-8000-000000000001','数控车铣加工 1+X 证书培训','training',NULL,NULL,NULL,NULL,NULL,NULL,'数控车铣加工 1+X 证书培训',2,'2025-10-02T08:00:00.000000Z','2025-10-02T08:00:00.000000Z');
CREATE TABLE review_decisions (
  id           INTEGER PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  level        INTEGER NOT NULL CHECK (level = 1 OR level = 2),
  unit_id      TEXT REFERENCES units (id) ON DELETE SET NULL,
  unit_name    TEXT,
  reviewer_id  TEXT REFERENCES members (id) ON DELETE SET NULL,
  reviewer     TEXT NOT NULL,
  decision     TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
  political    INTEGER CHECK (political = 0 OR political = 1),
  scientific   INTEGER CHECK (scientific = 0 OR scientific = 1),
  copyright    INTEGER CHECK (copyright = 0 OR copyright = 1),
  note         TEXT,
  decided_at   TEXT NOT NULL
);
INSERT INTO review_decisions VALUES(1,'0f1e2d3c-0000-4000-8000-000000000001','0f1e2d3c-0000-4000-8000-000000000010',2,'0f1e2d3c-0000-4000-8000-000000000003','河南工业职业技术学院','0f1e2d3c-0000-4000-8000-000000000005','王老师','reject',1,1,0,'版权证明缺失','2026-01-05T08:00:00.000000Z');
CREATE TABLE evidence (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  blob_sha256     TEXT NOT NULL REFERENCES blobs (sha256),
  file_name       TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  milestone_id    TEXT REFERENCES milestones (id) ON DELETE CASCADE,
  target_id       TEXT REFERENCES targets (id) ON DELETE CASCADE,
  budget_line_id  TEXT REFERENCES budget_lines (id) ON DELETE CASCADE,
  note            TEXT,
  position        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((milestone_id IS NOT NULL) + (target_id IS NOT NULL) + (budget_line_id IS NOT NULL) <= 1)
);
INSERT INTO evidence VALUES('0f1e2d3c-0000-4000-8000-000000000061','0f1e2d3c-0000-4000-8000-000000000001','ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb','课程验收单.pdf','课程验收单','0f1e2d3c-0000-4000-8000-000000000031',NULL,NULL,NULL,0,'2026-12-02T08:00:00.000000Z','2026-12-02T08:00:00.000000Z');
CREATE TABLE resource_tags (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  tag          TEXT NOT NULL CHECK (tag IN ('ideological', 'entrepreneurship', 'vocational-training')),
  PRIMARY KEY (resource_id, tag)
) WITHOUT ROWID;
CREATE TABLE course_tags (
  course_id  TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  tag        TEXT NOT NULL CHECK (tag IN ('ideological', 'entrepreneurship', 'vocational-training')),
  PRIMARY KEY (course_id, tag)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "resources" (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  blob_sha256     TEXT REFERENCES blobs (sha256),
  file_name       TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  description     TEXT,
  type            TEXT NOT NULL DEFAULT 'other' CHECK (type IN ('text', 'slides', 'image', 'audio', 'video',
                                                              'animation', 'simulation', 'exercise', 'case',
                                                              'other')),
  unit_id         TEXT REFERENCES units (id) ON DELETE SET NULL,
  origin          TEXT NOT NULL DEFAULT 'original' CHECK (origin IN ('original', 'licensed', 'open')),
  license         TEXT,
  license_holder  TEXT,
  audience        TEXT,
  language        TEXT NOT NULL DEFAULT 'zh',
  state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in-review', 'approved', 'rejected')),
  review_note     TEXT,
  reviewer        TEXT,
  reviewed_at     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  url             TEXT,
  certificate     TEXT,
  document        TEXT CHECK (document IN ('programme', 'teaching-standard', 'course-standard')),
  major_id        TEXT REFERENCES project_majors (id) ON DELETE SET NULL,
  course_id       TEXT REFERENCES courses (id) ON DELETE SET NULL,
  CHECK ((blob_sha256 IS NULL) <> (url IS NULL))
);
INSERT INTO resources VALUES('0f1e2d3c-0000-4000-8000-000000000010','0f1e2d3c-0000-4000-8000-000000000001','ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb','0.txt','车削基础',NULL,'text','0f1e2d3c-0000-4000-8000-000000000003','original',NULL,NULL,NULL,'zh','draft',NULL,NULL,NULL,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO resources VALUES('0f1e2d3c-0000-4000-8000-000000000011','0f1e2d3c-0000-4000-8000-000000000001','3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d','1.txt','铣削基础',NULL,'text','0f1e2d3c-0000-4000-8000-000000000003','original',NULL,NULL,NULL,'zh','draft',NULL,NULL,NULL,'2025-10-01T08:00:00.000000Z','2025-10-01T08:00:00.000000Z',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "project_texts" (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  section     TEXT NOT NULL CHECK (section IN ('foundation', 'leader-experience', 'content-resources',
                                               'content-platform', 'content-promotion', 'content-innovation',
                                               'content-institution', 'safeguards', 'recommender',
                                               'progress-problems', 'progress-next', 'outcome-resources',
                                               'outcome-platform', 'outcome-promotion', 'outcome-innovation',
                                               'outcome-institution', 'audit')),
  text        TEXT NOT NULL CHECK (length (trim (text)) > 0),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, section)
) WITHOUT ROWID;
INSERT INTO project_texts VALUES('0f1e2d3c-0000-4000-8000-000000000001','foundation',replace('本专业为省级高水平专业群核心专业。\n建有校内实训基地 3 个。','\n',char(10)),'2026-12-01T08:00:00Z');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('events',4);
CREATE UNIQUE INDEX project_majors_one_core ON project_majors (project_id) WHERE role = 'core';
CREATE INDEX units_project ON units (project_id);
CREATE INDEX members_project ON members (project_id);
CREATE INDEX members_unit ON members (unit_id);
CREATE INDEX course_nodes_course ON course_nodes (course_id, parent_id, position);
CREATE INDEX course_nodes_parent ON course_nodes (parent_id);
CREATE INDEX resource_nodes_node ON resource_nodes (node_id);
CREATE INDEX budget_lines_project ON budget_lines (project_id);
CREATE INDEX milestones_project ON milestones (project_id);
CREATE INDEX declarations_project ON declarations (project_id);
CREATE INDEX submissions_project ON submissions (project_id);
CREATE INDEX events_project ON events (project_id, at);
CREATE INDEX events_subject ON events (subject_id);
CREATE TRIGGER projects_sync_delete AFTER DELETE ON projects BEGIN
  DELETE FROM sync_versions WHERE kind = 'project' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'project' AND record_id = old.id;
END;
CREATE TRIGGER project_majors_sync_delete AFTER DELETE ON project_majors BEGIN
  DELETE FROM sync_versions WHERE kind = 'major' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'major' AND record_id = old.id;
END;
CREATE TRIGGER units_sync_delete AFTER DELETE ON units BEGIN
  DELETE FROM sync_versions WHERE kind = 'unit' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'unit' AND record_id = old.id;
END;
CREATE TRIGGER members_sync_delete AFTER DELETE ON members BEGIN
  DELETE FROM sync_versions WHERE kind = 'member' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'member' AND record_id = old.id;
END;
CREATE TRIGGER course_nodes_sync_delete AFTER DELETE ON course_nodes BEGIN
  DELETE FROM sync_versions WHERE kind = 'node' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'node' AND record_id = old.id;
END;
CREATE TRIGGER budget_lines_sync_delete AFTER DELETE ON budget_lines BEGIN
  DELETE FROM sync_versions WHERE kind = 'budget-line' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'budget-line' AND record_id = old.id;
END;
CREATE TRIGGER milestones_sync_delete AFTER DELETE ON milestones BEGIN
  DELETE FROM sync_versions WHERE kind = 'milestone' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'milestone' AND record_id = old.id;
END;
CREATE TRIGGER declarations_sync_delete AFTER DELETE ON declarations BEGIN
  DELETE FROM sync_versions WHERE kind = 'declaration' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'declaration' AND record_id = old.id;
END;
CREATE INDEX check_runs_project ON check_runs (project_id, id);
CREATE INDEX package_builds_path ON package_builds (path, id);
CREATE INDEX package_builds_project ON package_builds (project_id);
CREATE INDEX conflicts_project ON conflicts (project_id, resolved_at);
CREATE UNIQUE INDEX conflicts_waiting ON conflicts (kind, record_id) WHERE resolved_at IS NULL;
CREATE INDEX submission_members_offset ON submission_members (submission_id, offset);
CREATE INDEX submission_members_blob ON submission_members (blob_sha256) WHERE blob_sha256 IS NOT NULL;
CREATE VIEW resource_search_names (rid, names) AS
  SELECT r.rowid,
         coalesce ((SELECT group_concat (a.name, ' ') FROM resource_authors a WHERE a.resource_id = r.id), '')
         || ' ' || coalesce ((SELECT u.name FROM units u WHERE u.id = r.unit_id), '')
         || ' ' || coalesce ((SELECT group_concat (n.title || ' ' || coalesce (p.title, '') || ' ' || c.title, ' ')
                                FROM resource_nodes rn
                                JOIN course_nodes n ON n.id = rn.node_id
                                LEFT JOIN course_nodes p ON p.id = n.parent_id
                                JOIN courses c ON c.id = n.course_id
                               WHERE rn.resource_id = r.id), '')
    FROM resources r;
CREATE VIEW resource_search_text (rid, text) AS
  SELECT r.rowid,
         r.title || ' ' || coalesce (r.description, '') || ' ' || r.file_name || ' ' ||
         coalesce ((SELECT group_concat (k.keyword, ' ') FROM resource_keywords k WHERE k.resource_id = r.id), '')
         || ' ' || (SELECT s.names FROM resource_search_names s WHERE s.rid = r.rowid)
    FROM resources r;
CREATE TRIGGER resource_keywords_insert AFTER INSERT ON resource_keywords BEGIN
  UPDATE resource_fts
    SET keywords = (SELECT group_concat (keyword, ' ') FROM resource_keywords WHERE resource_id = new.resource_id)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;
CREATE TRIGGER resource_keywords_delete AFTER DELETE ON resource_keywords BEGIN
  UPDATE resource_fts
    SET keywords = coalesce ((SELECT group_concat (keyword, ' ') FROM resource_keywords
                              WHERE resource_id = old.resource_id), '')
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;
CREATE TRIGGER resource_authors_insert_fts AFTER INSERT ON resource_authors BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;
CREATE TRIGGER resource_authors_update_fts AFTER UPDATE OF name, resource_id ON resource_authors BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT rowid FROM resources WHERE id IN (old.resource_id, new.resource_id));
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT rowid FROM resources WHERE id IN (old.resource_id, new.resource_id));
END;
CREATE TRIGGER resource_authors_delete_fts AFTER DELETE ON resource_authors BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;
CREATE TRIGGER resource_nodes_insert_fts AFTER INSERT ON resource_nodes BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;
CREATE TRIGGER resource_nodes_delete_fts AFTER DELETE ON resource_nodes BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;
CREATE TRIGGER units_rename_fts AFTER UPDATE OF name ON units BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT rowid FROM resources WHERE unit_id = new.id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT rowid FROM resources WHERE unit_id = new.id);
END;
CREATE TRIGGER course_nodes_rename_fts AFTER UPDATE OF title, parent_id, course_id ON course_nodes BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.id = new.id OR n.parent_id = new.id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.id = new.id OR n.parent_id = new.id);
END;
CREATE INDEX resource_versions_replaced ON resource_versions (replaced_at);
CREATE UNIQUE INDEX targets_subject ON targets (project_id, kind, coalesce (resource_type, course_id, ''));
CREATE INDEX targets_course ON targets (course_id) WHERE course_id IS NOT NULL;
CREATE INDEX usage_periods_end ON usage_periods (project_id, period_end);
CREATE INDEX courses_project ON courses (project_id);
CREATE INDEX courses_lead ON courses (lead_member_id) WHERE lead_member_id IS NOT NULL;
CREATE INDEX courses_major ON courses (major_id) WHERE major_id IS NOT NULL;
CREATE TRIGGER courses_sync_delete AFTER DELETE ON courses BEGIN
  DELETE FROM sync_versions WHERE kind = 'course' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'course' AND record_id = old.id;
END;
CREATE TRIGGER courses_rename_fts AFTER UPDATE OF title ON courses BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.course_id = new.id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.course_id = new.id);
END;
CREATE INDEX review_decisions_resource ON review_decisions (resource_id, id);
CREATE INDEX review_decisions_project ON review_decisions (project_id, id);
CREATE INDEX review_decisions_reviewer ON review_decisions (reviewer_id) WHERE reviewer_id IS NOT NULL;
CREATE INDEX review_decisions_unit ON review_decisions (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX evidence_project ON evidence (project_id, position);
CREATE INDEX evidence_blob ON evidence (blob_sha256);
CREATE INDEX evidence_milestone ON evidence (milestone_id) WHERE milestone_id IS NOT NULL;
CREATE INDEX evidence_target ON evidence (target_id) WHERE target_id IS NOT NULL;
CREATE INDEX evidence_budget_line ON evidence (budget_line_id) WHERE budget_line_id IS NOT NULL;
CREATE TRIGGER evidence_sync_delete AFTER DELETE ON evidence BEGIN
  DELETE FROM sync_versions WHERE kind = 'evidence' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'evidence' AND record_id = old.id;
END;
CREATE INDEX resource_tags_tag ON resource_tags (tag);
CREATE INDEX resources_project ON resources (project_id, created_at);
CREATE INDEX resources_blob ON resources (blob_sha256);
CREATE INDEX resources_unit ON resources (unit_id);
CREATE INDEX resources_file_name ON resources (project_id, file_name);
CREATE INDEX resources_major ON resources (major_id) WHERE major_id IS NOT NULL;
CREATE INDEX resources_course ON resources (course_id) WHERE course_id IS NOT NULL;
CREATE TRIGGER resources_sync_delete AFTER DELETE ON resources BEGIN
  DELETE FROM sync_versions WHERE kind = 'resource' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'resource' AND record_id = old.id;
END;
CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
  INSERT INTO resource_fts (rowid, title, description, keywords, file_name, names)
    VALUES (new.rowid, new.title, new.description, '', new.file_name,
            (SELECT names FROM resource_search_names WHERE rid = new.rowid));
  INSERT INTO resource_bigrams (rowid, grams)
    VALUES (new.rowid, reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = new.rowid)));
END;
CREATE TRIGGER resources_fts_update AFTER UPDATE OF title, description, file_name, unit_id ON resources BEGIN
  UPDATE resource_fts
    SET title = new.title, description = new.description, file_name = new.file_name,
        names = (SELECT names FROM resource_search_names WHERE rid = new.rowid)
    WHERE rowid = new.rowid;
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = new.rowid))
    WHERE rowid = new.rowid;
END;
CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
  DELETE FROM resource_fts WHERE rowid = old.rowid;
  DELETE FROM resource_bigrams WHERE rowid = old.rowid;
END;
CREATE TRIGGER resources_file_versions AFTER UPDATE OF blob_sha256 ON resources
WHEN OLD.blob_sha256 IS NOT NEW.blob_sha256 AND OLD.blob_sha256 IS NOT NULL
BEGIN
  INSERT INTO resource_versions (resource_id, version, blob_sha256, file_name, size, replaced_at)
  VALUES (OLD.id,
          (SELECT coalesce (max (version), 0) + 1 FROM resource_versions WHERE resource_id = OLD.id),
          OLD.blob_sha256, OLD.file_name,
          (SELECT size FROM blobs WHERE sha256 = OLD.blob_sha256),
          NEW.updated_at);
END;
PRAGMA writable_schema=OFF;
COMMIT;
PRAGMA application_id = 1381190722;
PRAGMA user_version = 17;
