/* keymap.c — the one table of key bindings. Dispatch (tui.c), the hint line
 * and the help screen all read it; a binding changed here changes all
 * three. Rows are searched in order: specific contexts before general ones. */
#include "keymap.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

typedef struct {
	int key;
	tui_action_t action;
	unsigned ctx;
	const char *hint; /* N_() label for the hint line, NULL: help only */
	const char *desc; /* N_() line for the help screen */
} tui_binding_t;

#define ADMIN_LISTS (TC_UNITS | TC_USERS | TC_DEVICES)
#define NOT_POPUP (TC_ANY & ~(unsigned)(TC_POPUP | TC_CONFIRM))

static const tui_binding_t s_keys[] = {
    /* popups take the keyboard while they are open */
    {'y', ACT_YES, TC_CONFIRM, N_("Đồng ý"), N_("Đồng ý")},
    {'Y', ACT_YES, TC_CONFIRM, N_("Đồng ý"), N_("Đồng ý")},
    {'n', ACT_NO, TC_CONFIRM, N_("Không"), N_("Không đồng ý, quay lại")},
    {'N', ACT_NO, TC_CONFIRM, N_("Không"), N_("Không đồng ý, quay lại")},
    {TK_ESC, ACT_NO, TC_CONFIRM, N_("Không"), N_("Không đồng ý, quay lại")},
    {'\n', ACT_BACK, TC_POPUP, N_("Đóng"), N_("Đóng thông báo")},
    {TK_ESC, ACT_BACK, TC_POPUP, N_("Đóng"), N_("Đóng thông báo")},
    {'q', ACT_BACK, TC_POPUP, N_("Đóng"), N_("Đóng thông báo")},

    /* the login form: letters are typed, so only Esc and F10 leave */
    {'\n', ACT_ENTER, TC_LOGIN, N_("Đăng nhập"), N_("Sang ô mật khẩu; ở ô mật khẩu: đăng nhập")},
    {TK_FN(KEY_F(1)), ACT_HELP, TC_LOGIN, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    {TK_ESC, ACT_BACK, TC_LOGIN, N_("Thoát"), N_("Thoát chương trình")},
    {TK_FN(KEY_F(10)), ACT_QUIT, TC_LOGIN, N_("Thoát"), N_("Thoát chương trình")},

    /* one-stop dossiers: the queue (its filter keys are shown on its own
     * header line), one dossier, choosers, printed forms, search */
    {'\n', ACT_OPEN, TC_DOSSIERS, N_("Mở"), N_("Mở hồ sơ đã chọn")},
    {'\n', ACT_OPEN, TC_PICK, N_("Chọn"), N_("Chọn dòng này")},
    /* pickers: several rows (co-operating units) */
    {' ', ACT_TOGGLE, TC_PICK, N_("Đánh dấu"), N_("Chọn nhiều: đánh dấu hoặc bỏ dòng này (Enter: xong)")},
    {'m', ACT_MINE, TC_DOSSIERS, NULL, N_("Hồ sơ chờ tôi xử lý / hồ sơ của đơn vị")},
    {'p', ACT_FILTER_PROC, TC_DOSSIERS, NULL, N_("Lọc theo thủ tục")},
    {'s', ACT_FILTER_STATE, TC_DOSSIERS, NULL, N_("Lọc theo tình trạng")},
    {'o', ACT_OVERDUE, TC_DOSSIERS, NULL, N_("Chỉ hồ sơ quá hạn / mọi hồ sơ")},
    {'c', ACT_UNFILTER, TC_DOSSIERS, NULL, N_("Bỏ mọi bộ lọc")},
    {'/', ACT_SEARCH, TC_DOSSIERS, N_("Tìm"), N_("Tìm hồ sơ (gõ có hoặc không dấu)")},
    {'n', ACT_RECEIVE, TC_DOSSIERS, N_("Nhận hồ sơ"), N_("Tiếp nhận hồ sơ mới (bộ phận một cửa)")},
    /* lookup: status by the short code */
    {'t', ACT_LOOKUP, TC_DOSSIERS, N_("Tra cứu"), N_("Tra cứu tình trạng hồ sơ theo mã ngắn (261203-0002) hoặc mã đầy đủ")},
    {'a', ACT_DO, TC_DOSSIER, N_("Thao tác"), N_("Thực hiện một thao tác được phép trên hồ sơ")},
    {'p', ACT_PRINT, TC_DOSSIER, N_("In phiếu"), N_("In phiếu của hồ sơ (mẫu 01–07)")},
    /* desk: fees and printing */
    {'f', ACT_FEE, TC_DOSSIER, N_("Thu phí"), N_("Ghi nhận phí, lệ phí của hồ sơ (tiền mặt, chuyển khoản, miễn)")},
    {'p', ACT_PRINT, TC_TEXT, N_("In"), N_("Ghi phiếu ra tệp PDF khổ A4; có biến PRINTER thì gửi đến máy in đó")},
    /* report: its views and printing */
    {'v', ACT_VIEW, TC_REPORT, N_("Xem"), N_("Số hồ sơ theo đơn vị / chỉ số theo đơn vị / chỉ số theo thủ tục")},
    {'p', ACT_PRINT, TC_REPORT, N_("In"), N_("In báo cáo: tệp PDF khổ A4; có biến PRINTER thì gửi đến máy in đó")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_DOSSIERS | TC_DOSSIER, NULL, N_("Tải lại")},
    {'?', ACT_HELP, TC_DOSSIERS | TC_DOSSIER | TC_PICK | TC_TEXT | TC_REPORT, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    {'\n', ACT_ENTER, TC_SEARCH, N_("Tìm/Mở"), N_("Tìm; khi đã có kết quả: mở hồ sơ đã chọn")},
    {TK_FN(KEY_UP), ACT_UP, TC_SEARCH, NULL, N_("Lên một dòng")},
    {TK_FN(KEY_DOWN), ACT_DOWN, TC_SEARCH, NULL, N_("Xuống một dòng")},
    {TK_FN(KEY_PPAGE), ACT_PGUP, TC_SEARCH, NULL, N_("Lên một trang")},
    {TK_FN(KEY_NPAGE), ACT_PGDN, TC_SEARCH, NULL, N_("Xuống một trang")},
    {TK_FN(KEY_LEFT), ACT_LEFT, TC_DFORM, NULL, N_("Lùi con trỏ; ô lựa chọn: lựa chọn trước")},
    {TK_FN(KEY_RIGHT), ACT_RIGHT, TC_DFORM, NULL, N_("Tiến con trỏ; ô lựa chọn: lựa chọn sau")},

    /* tasks: the board (its filter keys are shown on its own header line),
     * task lists, one task; action keys only in the contexts of officials
     * who may use them, so a supervisor is never offered one */
    {'\n', ACT_OPEN, TC_BOARD | TC_TASKS, N_("Mở"), N_("Mở nhiệm vụ đã chọn")},
    {TK_FN(KEY_LEFT), ACT_LEFT, TC_BOARD, N_("Cột"), N_("Cột trước (theo trạng thái)")},
    {TK_FN(KEY_RIGHT), ACT_RIGHT, TC_BOARD, N_("Cột"), N_("Cột sau")},
    {'t', ACT_SUMMARY, TC_BOARD, N_("Tổng hợp"), N_("Tổng hợp theo đơn vị / trở lại các cột")},
    {TK_FN(KEY_BACKSPACE), ACT_BACK, TC_BOARD, NULL, N_("Về bảng trước (đơn vị cấp trên)")},
    {'u', ACT_FILTER_UNIT, TC_BOARD, NULL, N_("Bảng của một đơn vị (và cấp dưới) trong phạm vi")},
    {'p', ACT_FILTER_PERSON, TC_BOARD, NULL, N_("Lọc theo cán bộ chủ trì")},
    {'d', ACT_FILTER_PRIORITY, TC_BOARD, NULL, N_("Lọc theo độ ưu tiên")},
    {'n', ACT_FILTER_SOURCE, TC_BOARD, NULL, N_("Lọc theo nguồn")},
    {'m', ACT_MINE, TC_TASKS, NULL, N_("Nhiệm vụ chờ tôi / tôi giao / của đơn vị")},
    {'o', ACT_OVERDUE, TC_BOARD | TC_TASKS, NULL, N_("Chỉ nhiệm vụ quá hạn / mọi nhiệm vụ")},
    {'c', ACT_UNFILTER, TC_BOARD | TC_TASKS, NULL, N_("Bỏ mọi bộ lọc")},
    {'g', ACT_ASSIGN, TC_ASSIGN, N_("Giao việc"), N_("Giao nhiệm vụ mới")},
    {'a', ACT_DO, TC_TASK_ACT, N_("Thao tác"), N_("Thực hiện một thao tác được phép trên nhiệm vụ")},
    {'c', ACT_COMMENT, TC_TASK_ACT, N_("Ý kiến"), N_("Gửi ý kiến trao đổi hoặc chỉ đạo")},
    {'s', ACT_SUBTASK, TC_TASK_LEAD, N_("Việc con"), N_("Giao nhiệm vụ con cho đơn vị cấp dưới")},
    {'o', ACT_OLDER_THREAD, TC_TASK, N_("Ý kiến cũ hơn"), N_("Xem ý kiến chỉ đạo, trao đổi cũ hơn (thêm một trang)")},
    {'h', ACT_OLDER_HISTORY, TC_TASK, NULL, N_("Xem diễn biến cũ hơn (thêm một trang)")},
    {'\n', ACT_OPEN, TC_TASK, NULL, N_("Mở nhiệm vụ con hoặc nhiệm vụ cha")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_BOARD | TC_TASKS | TC_TASK, NULL, N_("Tải lại")},
    {'?', ACT_HELP, TC_BOARD | TC_TASKS | TC_TASK, N_("Trợ giúp"), N_("Trợ giúp: các phím")},

    /* lists */
    {TK_FN(KEY_UP), ACT_UP, TC_LIST, NULL, N_("Lên một dòng")},
    {'k', ACT_UP, TC_LIST, NULL, N_("Lên một dòng")},
    {TK_FN(KEY_DOWN), ACT_DOWN, TC_LIST, NULL, N_("Xuống một dòng")},
    {'j', ACT_DOWN, TC_LIST, NULL, N_("Xuống một dòng")},
    {TK_FN(KEY_PPAGE), ACT_PGUP, TC_LIST, NULL, N_("Lên một trang")},
    {TK_FN(KEY_NPAGE), ACT_PGDN, TC_LIST, NULL, N_("Xuống một trang")},
    {TK_FN(KEY_HOME), ACT_TOP, TC_LIST, NULL, N_("Về đầu danh sách")},
    {TK_FN(KEY_END), ACT_BOTTOM, TC_LIST, NULL, N_("Về cuối danh sách")},
    {'\n', ACT_OPEN, TC_HOME, N_("Mở"), N_("Mở chức năng đã chọn")},
    {'\n', ACT_OPEN, ADMIN_LISTS, N_("Chi tiết"), N_("Xem chi tiết dòng đã chọn")},
    {'a', ACT_ADD, TC_UNITS, N_("Thêm"), N_("Thêm đơn vị trực thuộc")},
    {'a', ACT_ADD, TC_USERS, N_("Thêm"), N_("Thêm cán bộ")},
    {'d', ACT_TOGGLE, TC_USERS, N_("Khóa/mở"), N_("Khóa hoặc mở lại tài khoản đã chọn")},
    {'r', ACT_RESET, TC_USERS, N_("Đặt lại MK"), N_("Đặt lại mật khẩu (cấp mật khẩu tạm)")},
    {'i', ACT_INVITE, TC_DEVICES, N_("Mời"), N_("Tạo lời mời đăng ký thiết bị mới")},
    {'x', ACT_REVOKE, TC_DEVICES, N_("Thu hồi"), N_("Thu hồi thiết bị đã chọn")},
    {'n', ACT_RENAME, TC_DEVICES, N_("Đặt tên"), N_("Đặt tên cho thiết bị đã chọn")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, ADMIN_LISTS, NULL, N_("Tải lại danh sách")},
    {'?', ACT_HELP, TC_HOME | ADMIN_LISTS, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    {'q', ACT_BACK, TC_HOME, N_("Thoát"), N_("Thoát chương trình")},
    {TK_ESC, ACT_BACK, TC_HOME, N_("Thoát"), N_("Thoát chương trình")},
    {'q', ACT_BACK, TC_LIST, N_("Quay lại"), N_("Quay lại màn hình trước")},
    {TK_ESC, ACT_BACK, TC_LIST, N_("Quay lại"), N_("Quay lại màn hình trước")},

    /* forms */
    {'\n', ACT_ENTER, TC_FORM, N_("Tiếp"), N_("Sang ô sau; ở ô cuối: gửi")},
    {TK_FN(KEY_F(2)), ACT_SUBMIT, TC_FORM, N_("Gửi"), N_("Gửi ngay, từ bất kỳ ô nào")},
    {'\t', ACT_NEXT, TC_FORM, NULL, N_("Sang ô sau")},
    {TK_FN(KEY_DOWN), ACT_NEXT, TC_FORM, NULL, N_("Sang ô sau")},
    {TK_FN(KEY_BTAB), ACT_PREV, TC_FORM, NULL, N_("Về ô trước")},
    {TK_FN(KEY_UP), ACT_PREV, TC_FORM, NULL, N_("Về ô trước")},
    {TK_FN(KEY_LEFT), ACT_LEFT, TC_FORM, NULL, N_("Lùi con trỏ một ký tự")},
    {TK_FN(KEY_RIGHT), ACT_RIGHT, TC_FORM, NULL, N_("Tiến con trỏ một ký tự")},
    {TK_FN(KEY_HOME), ACT_HOME, TC_FORM, NULL, N_("Về đầu ô")},
    {TK_CTRL('A'), ACT_HOME, TC_FORM, NULL, N_("Về đầu ô")},
    {TK_FN(KEY_END), ACT_END, TC_FORM, NULL, N_("Về cuối ô")},
    {TK_CTRL('E'), ACT_END, TC_FORM, NULL, N_("Về cuối ô")},
    {TK_FN(KEY_BACKSPACE), ACT_BKSP, TC_FORM, NULL, N_("Xóa ký tự trước con trỏ")},
    {TK_FN(KEY_DC), ACT_DEL, TC_FORM, NULL, N_("Xóa ký tự tại con trỏ")},
    {TK_CTRL('U'), ACT_KILL, TC_FORM, NULL, N_("Xóa cả ô")},
    {TK_FN(KEY_F(1)), ACT_HELP, TC_FORM, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    {TK_ESC, ACT_BACK, TC_FORM, N_("Quay lại"), N_("Hủy, quay lại màn hình trước")},
    {TK_FN(KEY_F(10)), ACT_BACK, TC_DFORM, N_("Quay lại"), N_("Hủy, quay lại màn hình trước")},

    /* figures: sectors, the bars of the units below, a unit's own figures */
    {TK_FN(KEY_LEFT), ACT_LEFT, TC_FIGURES, N_("Lĩnh vực"), N_("Lĩnh vực trước")},
    {TK_FN(KEY_RIGHT), ACT_RIGHT, TC_FIGURES, NULL, N_("Lĩnh vực sau")},
    {'\t', ACT_NEXT, TC_FIGURES, N_("Đơn vị"), N_("Sang các đơn vị trực thuộc / trở lại các chỉ tiêu")},
    {'\n', ACT_OPEN, TC_FIGURES, N_("Xem"), N_("Xem số liệu của đơn vị trực thuộc đã chọn")},
    {'n', ACT_ADD, TC_FIGURES, N_("Nhập"), N_("Nhập, gửi số liệu của đơn vị mình (lĩnh vực đang xem)")},
    {'[', ACT_FIG_EARLIER, TC_FIGURES, N_("Kỳ"), N_("Kỳ báo cáo trước")},
    {']', ACT_FIG_LATER, TC_FIGURES, NULL, N_("Kỳ báo cáo sau")},
    {'a', ACT_FIG_ACCEPT, TC_FIGURES, NULL, N_("Tiếp nhận số liệu của đơn vị trực thuộc đã chọn")},
    {'r', ACT_FIG_RETURN, TC_FIGURES, NULL, N_("Trả lại số liệu của đơn vị trực thuộc đã chọn, kèm lý do")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_FIGURES, NULL, N_("Tải lại")},
    {'?', ACT_HELP, TC_FIGURES, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    /* documents (issue 15): the register and its queues */
    {'\n', ACT_OPEN, TC_DOCS, N_("Xem"), N_("Xem văn bản đã chọn")},
    /* no room left on their hint line: listed by ? */
    {'/', ACT_SEARCH, TC_DOCS | TC_DOUT, NULL, N_("Tìm văn bản (gõ có hoặc không dấu)")},
    {'m', ACT_MINE, TC_DOCS, N_("Hàng đợi"), N_("Chờ tôi bút phê / giao đơn vị / theo dõi / quá hạn / sổ")},
    {'n', ACT_RECEIVE, TC_DOCS, N_("Vào sổ"), N_("Vào sổ văn bản đến (văn thư)")},
    {'b', ACT_DO, TC_DOCS, N_("Bút phê"), N_("Bút phê văn bản đã chọn: giao đơn vị chủ trì, hạn (lãnh đạo)")},
    {'g', ACT_ASSIGN, TC_DOCS, N_("Giao"), N_("Giao cán bộ xử lý văn bản (lãnh đạo đơn vị chủ trì)")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_DOCS, NULL, N_("Tải lại")},
    /* attachments of documents (issue 15) */
    {'t', ACT_ATTACH, TC_DOCS, N_("Tệp"), N_("Tệp đính kèm của văn bản đã chọn: tải về, đính kèm thêm")},
    {'?', ACT_HELP, TC_DOCS, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    {'\n', ACT_OPEN, TC_ATTACH, N_("Tải về"), N_("Tải tệp đã chọn về thư mục tải về (XDG_DOWNLOAD_DIR hoặc thư mục nhà)")},
    {'a', ACT_ADD, TC_ATTACH, N_("Đính kèm"), N_("Đính kèm một tệp vào văn bản: gõ đường dẫn của tệp")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_ATTACH, NULL, N_("Tải lại")},
    {'?', ACT_HELP, TC_ATTACH, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    /* outgoing documents (issue 15, second part): the queues, one draft */
    {'\n', ACT_OPEN, TC_DOUT, N_("Xem"), N_("Xem dự thảo, văn bản đã chọn")},
    {'m', ACT_MINE, TC_DOUT, N_("Hàng đợi"), N_("Chờ tôi kiểm tra / chờ tôi ký / chờ kiểm tra thể thức / chờ phát hành / hôm nay / của tôi / sổ")},
    {'n', ACT_ADD, TC_DOUT, N_("Dự thảo"), N_("Dự thảo văn bản đi mới")},
    {'u', ACT_DOUT_DELEGATIONS, TC_DOUT, NULL, N_("Ủy quyền ký, giao kiểm tra thể thức của cơ quan")},
    {'\n', ACT_OPEN, TC_DELEG, N_("Chi tiết"), N_("Xem chi tiết ủy quyền đã chọn")},
    {'n', ACT_ADD, TC_DELEG, N_("Ủy quyền"), N_("Ủy quyền mới: chọn cán bộ theo tên, thẩm quyền, thời hạn")},
    {'x', ACT_REVOKE, TC_DELEG, N_("Thu hồi"), N_("Thu hồi ủy quyền đã chọn")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_DELEG, NULL, N_("Tải lại")},
    {'?', ACT_HELP, TC_DELEG, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    {'a', ACT_DO, TC_DOUT_VIEW, N_("Thao tác"), N_("Kiểm tra, ký duyệt, phát hành (ký số trên máy này), sửa, trả lại")},
    {'v', ACT_DOUT_VERSION, TC_DOUT_VIEW, N_("Phiên bản"), N_("Xem một phiên bản khác của nội dung")},
    {'d', ACT_DOUT_DIFF, TC_DOUT_VIEW, N_("So sánh"), N_("So sánh phiên bản đang xem với phiên bản khác (theo dòng)")},
    {'e', ACT_DOUT_EDIT, TC_DOUT_VIEW, NULL, N_("Soạn nội dung nhiều dòng trong trình soạn thảo ($EDITOR), lưu thành phiên bản mới")},
    {'r', ACT_DOUT_RECIPIENTS, TC_DOUT_VIEW, N_("Nơi nhận"), N_("Chọn nơi nhận của dự thảo (theo tên đơn vị)")},
    {'p', ACT_PRINT, TC_DOUT_VIEW, N_("In"), N_("Xem văn bản theo thể thức NĐ 30, rồi p: tệp PDF khổ A4 (có PRINTER: gửi máy in)")},
    {'g', ACT_DOUT_DELIVER, TC_DOUT_VIEW, N_("Gửi"), N_("Gửi văn bản đã phát hành tới các đơn vị nhận (chọn theo tên)")},
    {TK_FN(KEY_F(5)), ACT_RELOAD, TC_DOUT | TC_DOUT_VIEW, NULL, N_("Tải lại")},
    {'?', ACT_HELP, TC_DOUT | TC_DOUT_VIEW, N_("Trợ giúp"), N_("Trợ giúp: các phím")},
    /* documents: the registers printed (docx) */
    {'p', ACT_PRINT, TC_DOCS, N_("In sổ"), N_("Sổ văn bản đến (ở hàng đợi theo dõi: sổ theo dõi giải quyết) của năm, để in")},

    /* everywhere */
    {TK_FN(KEY_F(1)), ACT_HELP, NOT_POPUP, NULL, N_("Trợ giúp: các phím")},
    {TK_FN(KEY_F(10)), ACT_QUIT, TC_ANY, NULL, N_("Thoát chương trình")},
    {TK_CTRL('L'), ACT_REDRAW, TC_ANY, NULL, N_("Vẽ lại màn hình")},
};
#define NKEYS (sizeof s_keys / sizeof s_keys[0])

/* Row i applies in ctx and no earlier row applying in ctx has its key. */
static bool s_visible(size_t i, unsigned ctx)
{
	if (!(s_keys[i].ctx & ctx))
		return false;
	for (size_t j = 0; j < i; j++)
		if (s_keys[j].key == s_keys[i].key && (s_keys[j].ctx & ctx))
			return false;
	return true;
}

tui_action_t tui_keymap_lookup(int key, unsigned ctx)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (s_keys[i].key == key && (s_keys[i].ctx & ctx))
			return s_keys[i].action;
	return ACT_NONE;
}

static const struct {
	int key;
	const char *name;
} s_names[] = {
    {'\n', "Enter"},
    {TK_ESC, "Esc"},
    {'\t', "Tab"},
    {TK_FN(KEY_BTAB), "Shift-Tab"},
    {TK_FN(KEY_UP), "↑"},
    {TK_FN(KEY_DOWN), "↓"},
    {TK_FN(KEY_LEFT), "←"},
    {TK_FN(KEY_RIGHT), "→"},
    {TK_FN(KEY_PPAGE), "PgUp"},
    {TK_FN(KEY_NPAGE), "PgDn"},
    {TK_FN(KEY_HOME), "Home"},
    {TK_FN(KEY_END), "End"},
    {TK_FN(KEY_BACKSPACE), "Backspace"},
    {TK_FN(KEY_DC), "Del"},
};

/* The printed name of key: "Enter", "F10", "^L", "q". */
static const char *s_key_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof s_names / sizeof s_names[0]; i++)
		if (s_names[i].key == key)
			return s_names[i].name;
	if (key & TK_FN(0)) {
		int fk = key & ~TK_FN(0);
		if (fk >= KEY_F(1) && fk <= KEY_F(24))
			snprintf(buf, n, "F%d", fk - KEY_F0);
		else
			snprintf(buf, n, "%s", keyname(fk) ? keyname(fk) : "?");
	} else if (key < 32)
		snprintf(buf, n, "^%c", key + '@');
	else
		snprintf(buf, n, "%c", key); /* the table binds ASCII letters only */
	return buf;
}

/* Append sep and s to out[0..n) (always terminated). */
static void s_cat(char *out, size_t n, const char *sep, const char *s)
{
	size_t len = strlen(out);
	if (len < n)
		snprintf(out + len, n - len, "%s%s", len ? sep : "", s);
}

void tui_keymap_hints(unsigned ctx, char *out, size_t n)
{
	out[0] = 0;
	for (size_t i = 0; i < NKEYS; i++) {
		char nb[16], keys[64] = "";
		size_t j;

		if (!s_keys[i].hint || !s_visible(i, ctx))
			continue;
		/* rows with the same hint are shown once: "q/Esc Quay lại" */
		for (j = 0; j < i; j++)
			if (s_keys[j].hint && !strcmp(s_keys[j].hint, s_keys[i].hint) && s_visible(j, ctx))
				break;
		if (j < i)
			continue;
		for (j = i; j < NKEYS; j++)
			if (s_keys[j].hint && !strcmp(s_keys[j].hint, s_keys[i].hint) && s_visible(j, ctx))
				s_cat(keys, sizeof keys, "/", s_key_name(s_keys[j].key, nb, sizeof nb));
		s_cat(out, n, "  ", keys);
		s_cat(out, n, " ", _(s_keys[i].hint));
	}
}

int tui_keymap_help(unsigned ctx, tui_help_line_t *out, int max)
{
	int cnt = 0;

	for (size_t i = 0; i < NKEYS && cnt < max; i++) {
		char nb[16];
		int k;

		if (!s_visible(i, ctx))
			continue;
		for (k = 0; k < cnt; k++) /* same description: one line, keys joined */
			if (!strcmp(out[k].desc, _(s_keys[i].desc)))
				break;
		if (k == cnt) {
			out[cnt].keys[0] = 0;
			out[cnt++].desc = _(s_keys[i].desc);
		}
		s_cat(out[k].keys, sizeof out[k].keys, " ", s_key_name(s_keys[i].key, nb, sizeof nb));
	}
	return cnt;
}
