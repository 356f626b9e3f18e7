"""Every button and link a person is shown can be read: a browser test that looks.

Each demo role (reporter, section editor, leader, administrator, education office, centre staff)
opens its dashboard, its sidebar menu (opened from its button on a phone) and the page editor with
its action menu open, at 1280 px and 375 px. On each screen every visible button and link with
text there is checked where a person would read it: the text has a size, is inside the window
once scrolled to, is not covered (``document.elementFromPoint`` at the centre of the text's first
line is the control or its text, not an icon or another element), is not clipped, and its colour
contrasts with the background by WCAG AA (4.5:1; 3:1 for large text). A screenshot of each
screen goes to var/screenshots/<run>/.
"""

import pytest

from centers.roles import EDUCATION_OFFICE
from cms.workflows import roles
from tests.browser.conftest import screenshot_dir
from tests.browser.test_workflow_chain import PASSWORD
from tests.utils import EditorialSite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = [1280, 375]

# Where Sen adds or changes controls: the dashboard's panels, the sidebar menu, the editor's footer.
SCOPES = {
    "dashboard": ".w-panel--dashboard, main .w-panel, main section, main .panel",
    "sidebar": "#wagtail-sidebar .sidebar-main-menu, #wagtail-sidebar .sidebar-footer",
    "action menu": "footer .w-dropdown, footer [data-w-dropdown-target], footer .actions",
}

UNREADABLE_JS = """(scope) => {
    const controls = "a[href], button, [role=button], [role=menuitem], input[type=submit]";
    const found = [];
    const seen = new Set();
    let checked = 0;
    const channel = (value) => {
        value /= 255;
        return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    };
    const rgba = (css) => {
        const parts = css.match(/[\\d.]+/g);
        if (!parts) return null;
        const [r, g, b, a] = parts.map(Number);
        return {r, g, b, a: parts.length > 3 ? a : 1};
    };
    const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const background = (element) => {
        // The first opaque background behind the element (gradients and images are not judged).
        const layers = [];
        for (let node = element; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.backgroundImage && style.backgroundImage !== "none") return null;
            const color = rgba(style.backgroundColor);
            if (color && color.a > 0) {
                layers.push(color);
                if (color.a >= 1) break;
            }
        }
        let result = {r: 255, g: 255, b: 255};
        for (const layer of layers.reverse()) {
            result = {
                r: layer.r * layer.a + result.r * (1 - layer.a),
                g: layer.g * layer.a + result.g * (1 - layer.a),
                b: layer.b * layer.a + result.b * (1 - layer.a),
            };
        }
        return result;
    };
    const textNodes = (element) => {
        const nodes = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const parent = node.parentElement;
            if (!node.textContent.trim() || parent.closest(".w-sr-only, .visuallyhidden, [hidden]")) continue;
            if (!parent.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
            nodes.push(node);
        }
        return nodes;
    };
    for (const root of document.querySelectorAll(scope)) {
        for (const control of root.querySelectorAll(controls)) {
            if (seen.has(control) || !control.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
                continue;
            }
            seen.add(control);
            const nodes = textNodes(control);
            if (!nodes.length) continue;
            checked += 1;
            const label = nodes.map((node) => node.textContent.trim()).join(" ").replace(/\\s+/g, " ");
            const problems = [];
            control.scrollIntoView({block: "center", inline: "center"});
            const range = document.createRange();
            range.selectNodeContents(nodes[0]);
            const line = range.getClientRects()[0];
            if (!line || line.width < 1 || line.height < 1) {
                problems.push("zero size");
            } else {
                const x = line.left + Math.min(line.width, 40) / 2, y = line.top + line.height / 2;
                if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
                    problems.push("outside the window");
                } else {
                    const hit = document.elementFromPoint(x, y);
                    const onText = hit && (hit === nodes[0].parentElement || nodes[0].parentElement.contains(hit)
                        || (control.contains(hit) && !hit.closest("svg, img")));
                    if (!onText) {
                        const name = (node) => node.tagName.toLowerCase()
                            + (typeof node.className === "string" && node.className
                                ? "." + node.className.split(" ")[0] : "");
                        const what = hit ? (hit.closest("svg") ? "an icon" : name(hit)) : "nothing";
                        problems.push("covered by " + what);
                    }
                }
                const clip = control.getBoundingClientRect();
                if (line.right > clip.right + 1 || line.left < clip.left - 1 || line.bottom > clip.bottom + 1) {
                    if (getComputedStyle(control).overflow !== "visible") problems.push("clipped");
                }
            }
            const style = getComputedStyle(nodes[0].parentElement);
            const fore = rgba(style.color), back = background(nodes[0].parentElement);
            if (fore && back) {
                const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
                const ratio = (light + 0.05) / (dark + 0.05);
                const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
                const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)} < ${needed}`);
            }
            if (problems.length) found.push(`${label.slice(0, 60)}: ${problems.join(", ")}`);
        }
    }
    return {checked, found};
}"""


@pytest.fixture
def site(home_page):
    site = EditorialSite(home_page)
    people = [
        ("phongvien", roles.REPORTER, None),
        ("bientapvien", roles.EDITOR, None),
        ("lanhdao", roles.LEADER, None),
        ("quantri", roles.ADMINISTRATOR, None),
        ("phonggiaoduc", EDUCATION_OFFICE, None),
        ("canbo_yenthanh", None, site.center_a),
    ]
    site.people = {}
    for username, role, staff_of in people:
        user = site.user(username, role, staff_of=staff_of, first_name="Trần Thị", last_name="Bình")
        user.set_password(PASSWORD)
        user.save()
        site.people[username] = user
    site.article = site.news("Khai giảng lớp tin học cho người cao tuổi", owner=site.people["phongvien"])
    return site


def edited_page(site, username):
    """The page each role edits on its second day: a news article, or the centre."""
    return site.center_a if username in ("phonggiaoduc", "canbo_yenthanh") else site.article


def look(page, folder, name, scope):
    """{screen: the unreadable controls} of ``scope`` on the page as it is, and its screenshot."""
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    result = page.evaluate(UNREADABLE_JS, SCOPES[scope])
    assert result["checked"], f"{name}: no button or link with text found in the {scope}"
    return {name: result["found"]} if result["found"] else {}


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_every_button_and_link_on_the_dashboard_and_action_menu_can_be_read(
    browser, live_server, site, width, request
):
    folder = screenshot_dir(request.config)
    base_url = live_server.url
    findings = {}
    for username in site.people:
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{base_url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base_url}/admin/")
        page.wait_for_load_state("networkidle")
        findings |= look(page, folder, f"controls-{username}-dashboard-{width}", "dashboard")
        if width < 1280:  # on a phone the menu opens from its button
            page.locator("button.sidebar-nav-toggle").click()
            page.wait_for_timeout(400)  # it slides in
        findings |= look(page, folder, f"controls-{username}-sidebar-{width}", "sidebar")

        page.goto(f"{base_url}/admin/pages/{edited_page(site, username).pk}/edit/")
        page.wait_for_load_state("networkidle")
        page.locator("footer .w-dropdown-button [aria-expanded]").first.click()
        page.locator("footer .tippy-box[data-state=visible]").wait_for()
        page.wait_for_timeout(300)  # the menu fades in
        findings |= look(page, folder, f"controls-{username}-action-menu-{width}", "action menu")
        context.close()
    assert not findings, "\n".join(f"{screen}: {items}" for screen, items in findings.items())
