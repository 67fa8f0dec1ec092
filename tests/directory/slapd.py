"""A real OpenLDAP directory for the tests: Debian's slapd on a free loopback port, its database in a temporary
folder, loaded with the ministry's example layout (docs/operations.md, Directory sign-in):

    dc=mic,dc=gov,dc=vn
      ou=people     uid=hoa (a reviewer), uid=minh (a reporter of Cục Viễn thông), uid=lan (in no mapped group),
                    uid=tuan (a reviewer, later removed from the group), uid=khoa (a reviewer, later disabled)
      ou=groups     cn=kts-reviewers, cn=cuc-vt-reporters, cn=all-staff (groupOfNames)
      ou=services   cn=tracker (the service account that searches)

Without TLS: the tests switch StartTLS off (LDAP_START_TLS=0). userAccountControl is Active Directory's attribute,
defined here so that a disabled account is marked as Active Directory marks it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import ldap3

SLAPD = shutil.which("slapd") or shutil.which("slapd", path="/usr/sbin:/usr/local/sbin")
SLAPADD = shutil.which("slapadd") or shutil.which("slapadd", path="/usr/sbin:/usr/local/sbin")
SUFFIX = "dc=mic,dc=gov,dc=vn"
ROOT_DN, ROOT_PASSWORD = f"cn=admin,{SUFFIX}", "root-secret"
SERVICE_DN, SERVICE_PASSWORD = f"cn=tracker,ou=services,{SUFFIX}", "service-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
REVIEWERS = f"cn=kts-reviewers,{GROUPS}"
CUC_VT_REPORTERS = f"cn=cuc-vt-reporters,{GROUPS}"
ALL_STAFF = f"cn=all-staff,{GROUPS}"

# uid → (given name, surname, password, groups)
PERSONS = {
    "hoa": ("Thị Hoa", "Nguyễn", "hoa-secret", [REVIEWERS, ALL_STAFF]),
    "minh": ("Văn Minh", "Trần", "minh-secret", [CUC_VT_REPORTERS, ALL_STAFF]),
    "lan": ("Thị Lan", "Lê", "lan-secret", [ALL_STAFF]),
    "tuan": ("Anh Tuấn", "Phạm", "tuan-secret", [REVIEWERS, ALL_STAFF]),
    "khoa": ("Đăng Khoa", "Vũ", "khoa-secret", [REVIEWERS]),
}

CONFIG = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.4203.666.11.1 NAME 'trackerTestAccount' SUP top AUXILIARY MAY userAccountControl )
pidfile {folder}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {folder}/data
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by * none
"""


def _ldif() -> str:
    entries = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: mic\no: Bo TTTT\n",
        *(
            f"dn: ou={ou},{SUFFIX}\nobjectClass: organizationalUnit\nou: {ou}\n"
            for ou in ("people", "groups", "services")
        ),
        f"dn: {SERVICE_DN}\nobjectClass: person\ncn: tracker\nsn: tracker\nuserPassword: {SERVICE_PASSWORD}\n",
    ]
    for uid, (given, surname, password, _groups) in PERSONS.items():
        entries.append(
            f"dn: uid={uid},{PEOPLE}\nobjectClass: inetOrgPerson\nobjectClass: trackerTestAccount\nuid: {uid}\n"
            f"cn:: {_b64(given + ' ' + surname)}\nsn:: {_b64(surname)}\ngivenName:: {_b64(given)}\n"
            f"mail: {uid}@mic.gov.vn\nuserPassword: {password}\nuserAccountControl: 512\n"
        )
    for group in (REVIEWERS, CUC_VT_REPORTERS, ALL_STAFF):
        members = [f"uid={uid},{PEOPLE}" for uid, person in PERSONS.items() if group in person[3]]
        name = group.split(",")[0].split("=")[1]
        entries.append(
            f"dn: {group}\nobjectClass: groupOfNames\ncn: {name}\n" + "".join(f"member: {m}\n" for m in members)
        )
    return "\n".join(entries)


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Directory:
    uri: str
    process: subprocess.Popen

    def admin(self) -> ldap3.Connection:
        return ldap3.Connection(ldap3.Server(self.uri), user=ROOT_DN, password=ROOT_PASSWORD, auto_bind=True)

    def modify(self, dn: str, changes: dict) -> None:
        with self.admin() as connection:
            assert connection.modify(dn, changes), connection.result

    def remove_from_group(self, uid: str, group: str) -> None:
        self.modify(group, {"member": [(ldap3.MODIFY_DELETE, [f"uid={uid},{PEOPLE}"])]})

    def add_to_group(self, uid: str, group: str) -> None:
        self.modify(group, {"member": [(ldap3.MODIFY_ADD, [f"uid={uid},{PEOPLE}"])]})

    def disable(self, uid: str) -> None:
        # ACCOUNTDISABLE (2) added to NORMAL_ACCOUNT (512), as Active Directory marks a disabled account.
        self.modify(f"uid={uid},{PEOPLE}", {"userAccountControl": [(ldap3.MODIFY_REPLACE, ["514"])]})


def start(folder: Path) -> Directory:
    assert SLAPD and SLAPADD, "slapd is not installed (apt-get install slapd ldap-utils)"
    (folder / "data").mkdir()
    config = folder / "slapd.conf"
    config.write_text(
        CONFIG.format(folder=folder, suffix=SUFFIX, root_dn=ROOT_DN, root_password=ROOT_PASSWORD), encoding="utf-8"
    )
    (folder / "people.ldif").write_text(_ldif(), encoding="utf-8")
    loaded = subprocess.run(
        [SLAPADD, "-f", str(config), "-l", str(folder / "people.ldif")], capture_output=True, text=True, timeout=30
    )
    assert loaded.returncode == 0, loaded.stderr
    port = _free_port()
    uri = f"ldap://127.0.0.1:{port}"
    # -d 0: in the foreground (the test ends it), logging nothing.
    process = subprocess.Popen(
        [SLAPD, "-f", str(config), "-h", f"{uri}/", "-d", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"slapd stopped: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return Directory(uri, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("slapd did not start listening within 20 seconds")
