"""Uploaded media: local files by default, S3-compatible object storage (django-storages) from the environment."""

import json

from tests.utils import run_manage

SHOW_STORAGE = (
    "import json; from django.conf import settings; from django.core.files.storage import storages; "
    "s = storages['default']; "
    "print(json.dumps({'backend': settings.STORAGES['default']['BACKEND'], 'class': type(s).__name__, "
    "'bucket': getattr(s, 'bucket_name', None), 'endpoint': getattr(s, 'endpoint_url', None), "
    "'location': getattr(s, 'location', None), 'signed': getattr(s, 'querystring_auth', None), "
    "'url': s.url('images/anh.jpg')}))"
)
ENV = {"SEN_VAR_DIR": "/tmp/sen-storage-test-var", "DATABASE_URL": "", "REDIS_URL": ""}


def storage_in(env):
    result = run_manage("shell", "-c", SHOW_STORAGE, settings="cms.settings.dev", env={**ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_stay_on_the_local_disk_by_default():
    storage = storage_in({"SEN_S3_BUCKET": ""})
    assert storage["class"] == "FileSystemStorage"
    assert storage["url"] == "/media/images/anh.jpg"


def test_an_s3_bucket_from_the_environment_holds_the_media():
    storage = storage_in(
        {
            "SEN_S3_BUCKET": "sen-media",
            "SEN_S3_ENDPOINT_URL": "https://s3.example.vn",
            "SEN_S3_REGION": "hn-1",
            "SEN_S3_LOCATION": "cong-thong-tin",
            "SEN_S3_CUSTOM_DOMAIN": "media.example.gov.vn",
            "AWS_ACCESS_KEY_ID": "test-key",
            "AWS_SECRET_ACCESS_KEY": "test-secret",
        }
    )
    assert storage["backend"] == "storages.backends.s3.S3Storage" and storage["class"] == "S3Storage"
    assert storage["bucket"] == "sen-media" and storage["endpoint"] == "https://s3.example.vn"
    assert storage["location"] == "cong-thong-tin" and storage["signed"] is False
    # Public renditions are addressed on the public host, under the prefix, without a signature.
    assert storage["url"] == "https://media.example.gov.vn/cong-thong-tin/images/anh.jpg"
