"""The people signed in stay signed in when the sign-in backend becomes `strategy_tracker.backends.MemberBackend`:
a session names the backend that signed its person in, and Django reads the person only through a backend still
listed in AUTHENTICATION_BACKENDS, so every session made through Django's ModelBackend would otherwise read as
signed out (a reporter's form half entered, posted after the upgrade, would be lost to the sign-in page)."""

from django.db import migrations

OLD = "django.contrib.auth.backends.ModelBackend"
NEW = "strategy_tracker.backends.MemberBackend"
BACKEND_KEY = "_auth_user_backend"  # django.contrib.auth.BACKEND_SESSION_KEY


def _rename(apps, schema_editor, old: str, new: str) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for session in Session.objects.using(schema_editor.connection.alias).iterator():
        data = store.decode(session.session_data)  # {} for a session that does not verify: left as it is
        if data.get(BACKEND_KEY) == old:
            data[BACKEND_KEY] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0008_stored_assessment_detail"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
