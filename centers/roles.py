"""Centre profiles under "Duyệt hồ sơ trung tâm": each centre's staff edit their own page only.

The centres bring their own role, the education office ("Phòng Giáo dục"), which reviews the
profiles in their own one-step workflow; both are declared here through the core's hooks.
"""

from wagtail import hooks
from wagtail.models import Locale

from centers.models import CenterIndexPage, CenterPage
from cms import hooks as sen_hooks
from cms.text import slugify_vi

EDUCATION_OFFICE = "education_office"
CENTER_WORKFLOW = "center"


@hooks.register(sen_hooks.ROLES)
def centre_roles():
    return [sen_hooks.Role(EDUCATION_OFFICE, "Phòng Giáo dục", ["add", "choose"], ("phonggiaoduc", "Đỗ Minh Hải"))]


@hooks.register(sen_hooks.WORKFLOWS)
def centre_workflows():
    return [
        sen_hooks.WorkflowDefinition(
            CENTER_WORKFLOW, "Duyệt hồ sơ trung tâm", [("Phòng Giáo dục duyệt", EDUCATION_OFFICE)]
        )
    ]


def staff_group_name(page):
    """E.g. "Cán bộ TTHTCĐ phường Yên Thanh": the centre's first short name, else its title."""
    short_names = [name.strip() for name in (page.short_names or "").splitlines() if name.strip()]
    return f"Cán bộ {short_names[0] if short_names else page.title}"[:150]


def staff_demo_username(page):
    """E.g. "canbo_yenthanh" for "TTHTCĐ phường Yên Thanh", "canbo_phuong4" for "TTHTCĐ Phường 4"."""
    place = staff_group_name(page).removeprefix("Cán bộ ")
    words = slugify_vi(place).split("-")
    if words and words[0] == "tthtcd":
        words = words[1:]
    if len(words) > 1 and words[0] in {"phuong", "xa"} and not words[1].isdigit():
        words = words[1:]
    return "canbo_" + "".join(words or [str(page.pk)])


# Made-up people for the demo staff accounts, one per centre in tree order (then round again).
DEMO_STAFF_NAMES = [
    "Nguyễn Thị Lan",
    "Trần Văn Hùng",
    "Phạm Thị Mai",
    "Hoàng Minh Tuấn",
    "Vũ Thị Thu Hà",
    "Lê Văn Nam",
]


def staff_demo_full_name(page):
    """The demo staff person of ``page``, e.g. "Nguyễn Thị Lan" (the e-mails greet them by it)."""
    position = centre_pages().filter(path__lt=page.path).count() if page.path else page.pk
    return DEMO_STAFF_NAMES[position % len(DEMO_STAFF_NAMES)]


def centre_pages():
    return CenterPage.objects.filter(locale=Locale.get_default()).select_related("commune").order_by("path")


@hooks.register(sen_hooks.WORKFLOW_SECTIONS)
def workflow_sections():
    return [
        sen_hooks.WorkflowSection(
            name="centres",
            pages=lambda: list(CenterIndexPage.objects.all()),
            workflow=CENTER_WORKFLOW,
            page_permissions={
                EDUCATION_OFFICE: ["add", "change", "publish", "lock", "unlock"],
            },
            staff_pages=centre_pages,
            staff_group_name=staff_group_name,
            staff_page_permissions=["change"],
            staff_demo_username=staff_demo_username,
            staff_demo_full_name=staff_demo_full_name,
        )
    ]


# The staff accounts admin view and its buttons; the staff's dashboard panel and menu item.
import centers.dashboard  # noqa: E402, F401
import centers.staff  # noqa: E402, F401
