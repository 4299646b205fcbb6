<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="385"/>
        <source>Họ và tên người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="390"/>
        <source>12 chữ số (CCCD) — hoặc quét mã QR trên thẻ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="392"/>
        <source>Nếu có</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="394"/>
        <source>dd/mm/yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="399"/>
        <source>VD 0912345678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="402"/>
        <source>Số nhà, đường/phố, thôn/tổ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="404"/>
        <source>Gõ tên xã/phường, không cần dấu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="408"/>
        <source>Người nộp hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="412"/>
        <source>&amp;Họ và tên:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="412"/>
        <source>Alt+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="413"/>
        <source>&amp;Loại giấy tờ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="413"/>
        <source>Alt+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="417"/>
        <source>&amp;Số giấy tờ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="419"/>
        <source>Alt+S. Quét mã QR trên thẻ căn cước để điền tự động.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="421"/>
        <source>Số CMN&amp;D cũ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="421"/>
        <source>Alt+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="422"/>
        <source>&amp;Ngày sinh:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="422"/>
        <source>Alt+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="423"/>
        <source>&amp;Giới tính:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="423"/>
        <source>Alt+G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="424"/>
        <source>Điện th&amp;oại:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="424"/>
        <source>Alt+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="425"/>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="425"/>
        <source>Alt+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="426"/>
        <source>Đị&amp;a chỉ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="426"/>
        <source>Alt+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="430"/>
        <source>&amp;Xã/phường:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="432"/>
        <source>Alt+X. Gõ vài chữ (không cần dấu), chọn trong danh sách.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="434"/>
        <source>Tỉnh/thành phố:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="438"/>
        <source>Gõ mã hoặc tên thủ tục, không cần dấu (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="442"/>
        <source>Hẹn trả kết quả: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="444"/>
        <source>Thủ tục hành chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="450"/>
        <source>&amp;Thủ tục (F6):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="452"/>
        <source>F6 hoặc Alt+T. Gõ vài chữ của tên hoặc mã, Enter để chọn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="461"/>
        <source>Chọn thủ tục để hiện danh mục giấy tờ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="463"/>
        <source>Thêm giấy tờ &amp;khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="464"/>
        <source>Thêm một dòng giấy tờ ngoài danh mục (Alt+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="470"/>
        <source>Thành phần hồ sơ (đánh dấu giấy tờ đã nhận)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="477"/>
        <source>Số &amp;bộ hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="487"/>
        <source>Phí, lệ phí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="497"/>
        <source>Khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="499"/>
        <source>Nhận kết q&amp;uả:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="500"/>
        <source>Gh&amp;i chú:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="500"/>
        <source>Alt+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="527"/>
        <source>Khôi &amp;phục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="528"/>
        <source>Điền lại hồ sơ đang nhập dở (Alt+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="529"/>
        <source>Bỏ &amp;qua</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="530"/>
        <source>Xóa bản nháp, bắt đầu hồ sơ mới (Alt+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="541"/>
        <source>Đã tiếp nhận hồ sơ, mã hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="550"/>
        <source>&amp;Mở hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="551"/>
        <source>Xem chi tiết hồ sơ vừa lưu (Alt+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="567"/>
        <source>Lưu &amp;&amp; In (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="569"/>
        <source>Lưu hồ sơ, cấp mã và in Giấy tiếp nhận (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="571"/>
        <source>&amp;Yêu cầu bổ sung (Mẫu 02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="573"/>
        <source>Ghi nhận hồ sơ và yêu cầu bổ sung giấy tờ còn thiếu (Alt+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="575"/>
        <source>Từ &amp;chối (Mẫu 03)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="576"/>
        <source>Từ chối tiếp nhận, in phiếu Mẫu 03 (Alt+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="577"/>
        <source>Nhập mới (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="578"/>
        <source>Xóa biểu mẫu để nhập hồ sơ khác (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="579"/>
        <source>Hoàn tác (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="580"/>
        <source>Lấy lại nội dung vừa xóa (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="601"/>
        <source>Enter: ô tiếp · F6: thủ tục · Ctrl+Enter: Lưu &amp; In · Ctrl+N: nhập mới · Alt+chữ gạch chân: đến ô đó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="615"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation type="unfinished">Intake</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="868"/>
        <source>Chưa nhập họ tên người nộp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="890"/>
        <source>Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 02/05/1990.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="895"/>
        <source>Ngày sinh ở tương lai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="897"/>
        <source>Người nộp hơn 120 tuổi? Kiểm tra lại năm sinh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="905"/>
        <source>Chọn xã/phường trong danh sách gợi ý (Enter để chọn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="909"/>
        <source>Chưa chọn thủ tục (F6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/scanner.py" line="272"/>
        <source>Mã vừa quét không phải mã QR trên thẻ căn cước (CCCD): {line}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="198"/>
        <source>Xác nhận (Enter hoặc Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="199"/>
        <source>Hủy</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="200"/>
        <source>Đóng, không thay đổi gì (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../counter_app/gui/app.py" line="183"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="189"/>
        <source>Ứng dụng đang được mở ở một cửa sổ khác trên máy này (hoặc bởi một người dùng khác) nên không thể mở thêm.

Hãy tìm và dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại.

Chi tiết: {details}</source>
        <translation>The application is already open in another window on this computer (or by another user), so it cannot be opened again.

Find and use the open window, or close it and start again.

Details: {details}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="204"/>
        <source>Quầy tiếp nhận hồ sơ</source>
        <translation>Dossier counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="287"/>
        <source>Ứng dụng đang mở</source>
        <translation>Application already open</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="291"/>
        <source>Cần phiên bản mới hơn</source>
        <translation>A newer version is needed</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="41"/>
        <source>Gõ tên xã/phường, vd: hoan kiem</source>
        <translation>Type the commune name, e.g. hoan kiem</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="102"/>
        <source>Chưa chọn xã/phường</source>
        <translation>No commune chosen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="106"/>
        <source>Đã chọn: {name}, {province} (mã {code})</source>
        <translation>Chosen: {name}, {province} (code {code})</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../counter_app/gui/app.py" line="56"/>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="58"/>
        <source>Ứng dụng gặp một lỗi không mong muốn.</source>
        <translation>The application hit an unexpected error.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="62"/>
        <source>Các hồ sơ đã lưu không bị mất. Hãy bấm “Sao chép chi tiết” và gửi cho kỹ thuật viên. Có thể tiếp tục làm việc; nếu lỗi lặp lại, hãy khởi động lại ứng dụng.</source>
        <translation>Saved dossiers are not lost. Press “Copy details” and send them to your technician. You can keep working; if the error comes back, restart the application.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="74"/>
        <source>Sao chép chi tiết</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="77"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/app.py" line="94"/>
        <source>Đã sao chép</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DossierDetailDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="510"/>
        <source>Hồ sơ {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="544"/>
        <source>&amp;Thông tin hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="547"/>
        <location filename="../../counter_app/gui/detail.py" line="557"/>
        <location filename="../../counter_app/gui/detail.py" line="568"/>
        <source>Thời điểm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="548"/>
        <source>Chuyển trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="549"/>
        <location filename="../../counter_app/gui/detail.py" line="560"/>
        <source>Người thực hiện</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="550"/>
        <location filename="../../counter_app/gui/detail.py" line="561"/>
        <source>Lý do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="554"/>
        <source>&amp;Lịch sử xử lý</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="558"/>
        <location filename="../../counter_app/gui/detail.py" line="668"/>
        <source>Loại</source>
        <translation type="unfinished">Kind</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="559"/>
        <source>Hẹn trả cũ → mới</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="565"/>
        <source>Thay đổi &amp;ngày hẹn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="569"/>
        <source>Biểu mẫu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="570"/>
        <source>Liên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="571"/>
        <source>Khổ giấy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="572"/>
        <source>Người in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="573"/>
        <source>Lý do in lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="577"/>
        <source>Nhật &amp;ký in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="579"/>
        <source>Xử lý hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="581"/>
        <source>Hồ sơ đã ở trạng thái cuối, không còn thao tác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="584"/>
        <source>&amp;Dời ngày hẹn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="585"/>
        <source>Đổi ngày hẹn trả kết quả, cần ghi lý do (Alt+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="586"/>
        <source>In lại &amp;biên nhận…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="587"/>
        <source>In lại Mẫu 01, cần ghi lý do in lại (Alt+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="588"/>
        <source>In &amp;phiếu kiểm soát</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="590"/>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ (Alt+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="592"/>
        <source>Đóng</source>
        <translation type="unfinished">Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="593"/>
        <source>Đóng (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="646"/>
        <source>Người nộp hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="648"/>
        <source>Họ và tên:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="649"/>
        <source>Giấy tờ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="650"/>
        <source>Ngày sinh, giới tính:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="651"/>
        <source>Điện thoại, email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="652"/>
        <source>Địa chỉ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="656"/>
        <source>Hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="658"/>
        <source>Thủ tục:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="659"/>
        <source>Lĩnh vực, thời hạn:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="660"/>
        <source>Tiếp nhận:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="661"/>
        <source>Hẹn trả kết quả:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="662"/>
        <source>Số bộ, nhận kết quả:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="663"/>
        <source>Đã trả:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="664"/>
        <source>Ghi chú:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="668"/>
        <source>Tên giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="668"/>
        <source>Số lượng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="671"/>
        <location filename="../../counter_app/gui/detail.py" line="677"/>
        <source>Phí, lệ phí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="671"/>
        <source>Mức thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="671"/>
        <location filename="../../counter_app/gui/detail.py" line="808"/>
        <source>Đã nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="675"/>
        <source>Thành phần hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="772"/>
        <source>qua bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="774"/>
        <source>tại Bộ phận Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="808"/>
        <source>Chưa nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="814"/>
        <source>Tổng cộng: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="834"/>
        <source>Dời ngày hẹn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="834"/>
        <source>Sau bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="862"/>
        <source>Thay đổi &amp;ngày hẹn ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="863"/>
        <source>Nhật &amp;ký in ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="884"/>
        <source>Chuyển sang: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="886"/>
        <source> (cần ghi lý do)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="936"/>
        <source>Hồ sơ {code}: {current} → {target}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="941"/>
        <source>Xác nhận công dân đã nộp đủ giấy tờ bổ sung; ngày hẹn trả sẽ được tính lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="996"/>
        <source>Đã chuyển hồ sơ sang trạng thái: {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1000"/>
        <source>Hẹn trả cũ: {old} → Hẹn trả mới: {new}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1007"/>
        <source>Không tạo được biểu mẫu: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1017"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1019"/>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1045"/>
        <source>Đã dời ngày hẹn: {old} → {new}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1064"/>
        <source>In lại giấy tiếp nhận (Mẫu 01)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1065"/>
        <source>Bản in lại được ghi &quot;BẢN IN LẠI&quot; và lưu vào nhật ký in cùng lý do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1067"/>
        <source>Tạo bản in lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1069"/>
        <source>&amp;Lý do in lại:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1092"/>
        <source>In lại giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="1118"/>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DossierList</name>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="144"/>
        <source>Chờ gửi</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="145"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="146"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="147"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="148"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="149"/>
        <source>Dữ liệu mẫu</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="400"/>
        <source>Chưa có màn hình chi tiết</source>
        <translation>No detail screen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="401"/>
        <source>Màn hình chi tiết hồ sơ chưa được cài đặt. Mã hồ sơ: {code}</source>
        <translation>The dossier detail screen is not installed. Dossier code: {code}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="407"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="180"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="181"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="182"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="183"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="184"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="185"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="186"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="284"/>
        <source>Bấm để đổi thứ tự mới nhất / cũ nhất</source>
        <translation>Click to switch newest / oldest first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="332"/>
        <source>Số giấy tờ: {n}</source>
        <translation>ID number: {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="334"/>
        <source>Điện thoại: {p}</source>
        <translation>Phone: {p}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="339"/>
        <source>Quá hạn hẹn trả</source>
        <translation>Past its due date</translation>
    </message>
</context>
<context>
    <name>DossierListWidget</name>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="525"/>
        <source>Tìm theo tên, số CCCD, điện thoại hoặc mã hồ sơ (gõ không dấu cũng được)</source>
        <translation>Search by name, ID number, phone or dossier code (accents optional)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="530"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="537"/>
        <source>Mọi ngày nhận</source>
        <translation>Any date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="538"/>
        <source>Nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="539"/>
        <source>7 ngày qua</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="540"/>
        <source>30 ngày qua</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="541"/>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="542"/>
        <source>Khoảng ngày…</source>
        <translation>Date range…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="554"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="555"/>
        <source>Hẹn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="556"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync problems</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="558"/>
        <source>Mới nhất trước</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="559"/>
        <source>Cũ nhất trước</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="560"/>
        <source>Xóa bộ lọc</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="561"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="562"/>
        <source>Tải lại danh sách (F5)</source>
        <translation>Reload the list (F5)</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="502"/>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="504"/>
        <source>Không có hồ sơ nào phù hợp.</source>
        <translation>No matching dossiers.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="506"/>
        <source>Đang hiển thị {n} hồ sơ đầu tiên — cuộn xuống để xem thêm</source>
        <translation>Showing the first {n} dossiers — scroll down for more</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/dossier_list.py" line="510"/>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
</context>
<context>
    <name>IntakeWidget</name>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="768"/>
        <source>Không tải được danh mục thủ tục: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1054"/>
        <source>Lĩnh vực: {field} · Thời hạn giải quyết: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1080"/>
        <source>Hẹn trả kết quả: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1088"/>
        <source>Không tính được ngày hẹn: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1093"/>
        <source>Hẹn trả kết quả: &lt;b&gt;{due}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1118"/>
        <source> bản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1149"/>
        <source>Tên giấy tờ khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1152"/>
        <source>Đã nhận giấy tờ khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1155"/>
        <source>Bỏ dòng này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1165"/>
        <source>Đã nhận: {name} (phím cách để đánh dấu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1218"/>
        <source> đồng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1223"/>
        <source>Đã nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1248"/>
        <source>Không có phí, lệ phí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1251"/>
        <source>Tổng cộng: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1264"/>
        <source>Đang lưu hồ sơ trước; hãy quét lại sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1290"/>
        <source>Đã đọc thẻ căn cước: {name}, số {number}. Kiểm tra địa chỉ và chọn xã/phường.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1404"/>
        <source>Không lưu được bản nháp: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1418"/>
        <source>(chưa có họ tên)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1423"/>
        <source>, lưu lúc {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1425"/>
        <source>&lt;b&gt;Khôi phục hồ sơ đang nhập dở?&lt;/b&gt; {details}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1439"/>
        <source>Đã khôi phục hồ sơ đang nhập dở.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1512"/>
        <source>Số CMND cũ: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1544"/>
        <source>Đang tải danh mục, vui lòng chờ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1559"/>
        <source>Còn {n} lỗi cần sửa trước khi lưu: {first}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1599"/>
        <source>Chưa lưu được hồ sơ: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1612"/>
        <source>Người nộp: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1613"/>
        <source>Hẹn trả: {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1659"/>
        <source>Đã tiếp nhận hồ sơ, mã hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1664"/>
        <source>Hồ sơ đã lưu nhưng chưa tạo được Giấy tiếp nhận: {error}. Mở hồ sơ để in lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1674"/>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1777"/>
        <source>Đã ghi nhận hồ sơ và yêu cầu bổ sung, mã hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1781"/>
        <source>Chưa tạo được Mẫu 02: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1787"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1817"/>
        <source>Hồ sơ bị từ chối không được cấp mã; việc từ chối được ghi vào nhật ký hệ thống.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1862"/>
        <source>Đã từ chối tiếp nhận hồ sơ, mã hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1873"/>
        <source>Đã lập phiếu từ chối tiếp nhận cho {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/intake.py" line="1880"/>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="221"/>
        <location filename="../../counter_app/gui/signin.py" line="235"/>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="253"/>
        <source>Phiên làm việc của {name} đã được khóa. Nhập mật khẩu để tiếp tục; những gì đang nhập dở vẫn được giữ nguyên.</source>
        <translation>The session of {name} is locked. Enter the password to continue; anything being typed is kept as it was.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="68"/>
        <source>Màn hình tiếp nhận hồ sơ chưa được cài đặt trong bản này.</source>
        <translation>The intake screen is not installed in this build.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="240"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — dữ liệu thực hành, không gửi lên Cổng Dịch vụ công thật</source>
        <translation>TRAINING MODE — practice data, never sent to the real National Public Service Portal</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="277"/>
        <source>Chế độ đào tạo: tài khoản thực hành “{u}”, mật khẩu “{p}”.</source>
        <translation>Training mode: practice account “{u}”, password “{p}”.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="284"/>
        <source>Đồng bộ: đang khởi động…</source>
        <translation>Sync: starting…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="347"/>
        <source>Tiếp nhận (F2)</source>
        <translation>Intake (F2)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="348"/>
        <source>Danh sách hồ sơ (F3)</source>
        <translation>Dossiers (F3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="349"/>
        <source>Hôm nay (F4)</source>
        <translation>Today (F4)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="369"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="370"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossier list</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="371"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="372"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="373"/>
        <source>Mở hồ sơ đang chọn</source>
        <translation>Open the selected dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="374"/>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="375"/>
        <source>Khóa màn hình</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="376"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="377"/>
        <location filename="../../counter_app/gui/main_window.py" line="652"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="379"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="381"/>
        <source>Hồ sơ chưa đồng bộ được…</source>
        <translation>Dossiers not synced…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="383"/>
        <location filename="../../counter_app/gui/main_window.py" line="617"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="384"/>
        <source>&amp;Hệ thống</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="391"/>
        <source>Hồ &amp;sơ</source>
        <translation>&amp;Dossiers</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="394"/>
        <source>Đồng &amp;bộ</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="397"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="418"/>
        <source>Bấm để xem hồ sơ chưa đồng bộ được</source>
        <translation>Click to see dossiers that could not be synced</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="428"/>
        <source>ĐÀO TẠO</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="453"/>
        <source>Quầy tiếp nhận hồ sơ — {centre} — Quầy {n}</source>
        <translation>Dossier counter — {centre} — Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="457"/>
        <source>[ĐÀO TẠO] </source>
        <translation>[TRAINING] </translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="459"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="481"/>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="483"/>
        <source>Chưa đăng nhập</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="572"/>
        <source>Chỉ quản trị viên được mở Cài đặt</source>
        <translation>Only administrators can open Settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="587"/>
        <source>Đã lưu. Khởi động lại ứng dụng để đổi ngôn ngữ giao diện.</source>
        <translation>Saved. Restart the application to change the interface language.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="590"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="607"/>
        <source>F2 — Tiếp nhận hồ sơ</source>
        <translation>F2 — Intake</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="608"/>
        <source>F3 — Danh sách hồ sơ (con trỏ ở ô tìm kiếm)</source>
        <translation>F3 — Dossier list (cursor in the search box)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="609"/>
        <source>F4 — Hôm nay</source>
        <translation>F4 — Today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="610"/>
        <source>F5 — Làm mới danh sách</source>
        <translation>F5 — Refresh the list</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="611"/>
        <source>Enter — Mở hồ sơ đang chọn</source>
        <translation>Enter — Open the selected dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="612"/>
        <source>Ctrl+, — Cài đặt (quản trị viên)</source>
        <translation>Ctrl+, — Settings (administrators)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="613"/>
        <source>Ctrl+L — Khóa màn hình</source>
        <translation>Ctrl+L — Lock screen</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="614"/>
        <source>Ctrl+Q — Thoát</source>
        <translation>Ctrl+Q — Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="618"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="648"/>
        <source>Thoát ứng dụng</source>
        <translation>Quit the application</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="649"/>
        <source>Hồ sơ đang nhập dở chưa được lưu. Vẫn thoát?</source>
        <translation>A dossier being typed is not saved. Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="653"/>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>MoveDueDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="454"/>
        <source>Dời ngày hẹn trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="455"/>
        <source>Hẹn trả hiện tại: {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="456"/>
        <source>Dời ngày hẹn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="465"/>
        <source>Bắt buộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="466"/>
        <source>&amp;Hẹn trả mới:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="468"/>
        <source>&amp;Lý do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="488"/>
        <source>Cần ghi lý do dời ngày hẹn.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="161"/>
        <source>&amp;Khổ giấy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="171"/>
        <source>&amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="172"/>
        <source>In biểu mẫu (Enter hoặc Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="175"/>
        <source>&amp;Lưu PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="176"/>
        <source>Lưu biểu mẫu thành tệp PDF (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="178"/>
        <source>Đón&amp;g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="179"/>
        <source>Đóng cửa sổ xem trước (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="224"/>
        <source>{n} trang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="247"/>
        <source>máy in mặc định</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="248"/>
        <source>Máy in: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="270"/>
        <source>Đang tạo lại biểu mẫu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="309"/>
        <source>In biểu mẫu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="324"/>
        <source>Đang gửi lệnh in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="331"/>
        <source>Đã gửi lệnh in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="343"/>
        <source>Lưu PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="343"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="351"/>
        <source>Đang lưu…</source>
        <translation type="unfinished">Saving…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="362"/>
        <source>Đã lưu: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/preview.py" line="368"/>
        <source>Không lưu được tệp: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="281"/>
        <source>Bắt buộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="281"/>
        <source>Không bắt buộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="283"/>
        <source>&amp;Lý do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="283"/>
        <source>&amp;Ghi chú:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="291"/>
        <source>Cần ghi lý do.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="376"/>
        <source>Ghi các lý do từ chối, mỗi dòng một lý do. Phiếu Mẫu 03 sẽ được tạo để in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="381"/>
        <source>Từ chối tiếp nhận hồ sơ (Mẫu 03)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="383"/>
        <source>Từ chối &amp;&amp; tạo Mẫu 03</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="386"/>
        <source>Mỗi dòng một lý do (bắt buộc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="387"/>
        <source>&amp;Lý do từ chối:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="395"/>
        <source>Cần ghi ít nhất một lý do từ chối.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="406"/>
        <source>Trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="408"/>
        <source>Ghi họ tên và số giấy tờ của người nhận kết quả (có thể quét mã QR trên thẻ căn cước của người nhận).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="411"/>
        <source>Xác nhận đã trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="416"/>
        <source>Không bắt buộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="418"/>
        <source>&amp;Người nhận:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="419"/>
        <source>&amp;Số giấy tờ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="420"/>
        <source>&amp;Ghi chú:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="439"/>
        <source>Cần ghi họ tên người nhận kết quả.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="85"/>
        <source>Chỉ quản trị viên được mở Cài đặt</source>
        <translation>Only administrators can open Settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="89"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="99"/>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="100"/>
        <source>Ngày nghỉ, làm bù</source>
        <translation>Days off, make-up days</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="101"/>
        <source>In ấn</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="102"/>
        <source>Cổng DVC</source>
        <translation>Portal</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="103"/>
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="109"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="113"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="135"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="163"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="169"/>
        <source>Tên trung tâm</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="170"/>
        <source>Mã định danh đơn vị</source>
        <translation>Unit ID code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="171"/>
        <source>Xã/phường</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="172"/>
        <source>Số quầy</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="173"/>
        <source>Giờ làm việc</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="174"/>
        <source>Nhận sau giờ này thì hẹn trả hôm sau</source>
        <translation>Same-day cut-off time</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="175"/>
        <source>Tự khóa màn hình sau</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="176"/>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="183"/>
        <source>Lịch nghỉ lễ, Tết và ngày làm bù được tính tự động. Thêm ở đây các ngày được quyết định riêng (nghỉ thêm hoặc làm bù).</source>
        <translation>Public holidays, Tết and official make-up days are known automatically. Add here the days decided separately (extra days off or make-up working days).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="192"/>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="192"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="192"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="204"/>
        <source>Ngày nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="205"/>
        <source>Ngày làm việc (làm bù)</source>
        <translation>Working day (make-up)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="207"/>
        <source>Ghi chú, vd: theo quyết định số …</source>
        <translation>Note, e.g. per decision no. …</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="208"/>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="209"/>
        <source>Xóa dòng đã chọn</source>
        <translation>Remove the selected row</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="228"/>
        <source>(Máy in mặc định của hệ thống)</source>
        <translation>(System default printer)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="233"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="234"/>
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="236"/>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="237"/>
        <source>Khổ giấy biên nhận</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="252"/>
        <source> giây</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="256"/>
        <source>Kiểm tra kết nối</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="264"/>
        <source>Địa chỉ cổng</source>
        <translation>Portal address</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="265"/>
        <source>Tài khoản</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="266"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="268"/>
        <source>Chu kỳ đồng bộ</source>
        <translation>Sync interval</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="276"/>
        <source>Nhập tệp danh mục…</source>
        <translation>Import a catalogue file…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="282"/>
        <source>Danh mục được cập nhật tự động từ cổng DVC khi đồng bộ. Chỉ nhập tệp khi kỹ thuật viên yêu cầu (tệp JSON do cổng hoặc Sở cung cấp).</source>
        <translation>The catalogue is updated from the portal automatically when syncing. Import a file only when a technician asks you to (a JSON file from the portal or the provincial department).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="316"/>
        <source>(đã lưu — để trống nếu không đổi)</source>
        <translation>(saved — leave empty to keep it)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="318"/>
        <source>(chưa có mật khẩu)</source>
        <translation>(no password yet)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="321"/>
        <source>Mật khẩu được lưu trong kho khóa của hệ điều hành.</source>
        <translation>The password is kept in the operating system&apos;s keyring.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="324"/>
        <source>Máy này không có kho khóa: mật khẩu được lưu trong tệp riêng của thư mục dữ liệu (chỉ tài khoản Windows/Linux này đọc được, không mã hóa).</source>
        <translation>This computer has no keyring: the password is kept in a private file in the data folder (readable only by this Windows/Linux account, not encrypted).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="340"/>
        <source>Không tải được cài đặt: {e}</source>
        <translation>Could not load the settings: {e}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="349"/>
        <source>Phiên bản danh mục đang dùng: {v}</source>
        <translation>Catalogue version in use: {v}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="349"/>
        <source>(chưa có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="367"/>
        <source>Làm việc (làm bù)</source>
        <translation>Working (make-up)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="367"/>
        <source>Nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="429"/>
        <source>Nhập tài khoản cổng trước khi lưu mật khẩu</source>
        <translation>Enter the portal user name before saving a password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="449"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="468"/>
        <source>Không lưu được mật khẩu: {e}</source>
        <translation>Could not save the password: {e}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="486"/>
        <source>Nhập địa chỉ cổng trước</source>
        <translation>Enter the portal address first</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="508"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="513"/>
        <source>Kết nối tốt, đăng nhập được ({ms:.0f} ms).</source>
        <translation>Connection OK, signed in ({ms:.0f} ms).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="520"/>
        <source>CẢNH BÁO: đồng hồ máy lệch {s:+.0f} giây so với cổng, hãy chỉnh giờ.</source>
        <translation>WARNING: this PC&apos;s clock is {s:+.0f} s off the portal&apos;s; correct the time.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="524"/>
        <source>Đồng hồ khớp với cổng (lệch {s:+.0f} giây).</source>
        <translation>The clock agrees with the portal ({s:+.0f} s).</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="529"/>
        <source>Không kết nối được: {e}</source>
        <translation>Could not connect: {e}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="538"/>
        <source>Chọn tệp danh mục thủ tục</source>
        <translation>Choose a procedure catalogue file</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="538"/>
        <source>Tệp JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="553"/>
        <source>Đang nhập…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="561"/>
        <source>Đã nhập danh mục phiên bản {v}: {n} thủ tục.</source>
        <translation>Imported catalogue version {v}: {n} procedures.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/settings_dialog.py" line="571"/>
        <source>Không nhập được: {e}</source>
        <translation>Import failed: {e}</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="135"/>
        <source>Thiết lập quầy lần đầu</source>
        <translation>First-time counter setup</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="139"/>
        <source>Chào mừng! Hãy khai báo đơn vị, số quầy và tài khoản quản trị đầu tiên. Các thông tin này có thể sửa sau trong Cài đặt.</source>
        <translation>Welcome! Enter the unit, the counter number and the first administrator account. All of this can be changed later in Settings.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="158"/>
        <source>Các buổi làm việc, cách nhau bằng dấu phẩy</source>
        <translation>Working periods, separated by commas</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="159"/>
        <source>Đơn vị tiếp nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="161"/>
        <source>Xã/phường</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="162"/>
        <source>Tên trung tâm</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="163"/>
        <source>Mã định danh đơn vị</source>
        <translation>Unit ID code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="164"/>
        <source>Số quầy (1–9)</source>
        <translation>Counter number (1–9)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="165"/>
        <source>Giờ làm việc</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="177"/>
        <source>Tài khoản quản trị đầu tiên</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="179"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="180"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="181"/>
        <source>Mật khẩu (ít nhất 6 ký tự)</source>
        <translation>Password (at least 6 characters)</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="182"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="190"/>
        <source>Hoàn tất thiết lập</source>
        <translation>Finish setup</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="194"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="281"/>
        <source>Hãy chọn xã/phường của trung tâm</source>
        <translation>Choose the centre&apos;s commune</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="283"/>
        <source>Hãy nhập mã định danh điện tử của đơn vị</source>
        <translation>Enter the unit&apos;s electronic ID code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="285"/>
        <source>Hãy nhập tên đăng nhập cho quản trị viên</source>
        <translation>Enter a user name for the administrator</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="288"/>
        <source>Hai lần nhập mật khẩu không khớp</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/setup_dialog.py" line="292"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="59"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="72"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="73"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="115"/>
        <source>Nhập tên đăng nhập</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="119"/>
        <source>Nhập mật khẩu</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="124"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="174"/>
        <source>Quầy tiếp nhận và trả kết quả hồ sơ</source>
        <translation>Dossier reception and result counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/signin.py" line="202"/>
        <source>{centre}
Quầy số {counter}</source>
        <translation>{centre}
Counter {counter}</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="302"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="304"/>
        <source>Đánh dấu giấy tờ cần bổ sung (phím cách để chọn), ghi thêm giấy tờ khác và lý do. Phiếu Mẫu 02 sẽ được tạo để in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="307"/>
        <source>Ghi nhận &amp;&amp; tạo Mẫu 02</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="327"/>
        <source>Mỗi dòng một giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="328"/>
        <source>Bắt buộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="330"/>
        <source>&amp;Giấy tờ cần bổ sung:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="331"/>
        <source>Giấy tờ &amp;khác:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="332"/>
        <source>&amp;Lý do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="355"/>
        <source>Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/detail.py" line="359"/>
        <source>Cần ghi lý do yêu cầu bổ sung.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="88"/>
        <source>Hồ sơ chưa đồng bộ được</source>
        <translation>Dossiers not synced</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="96"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="97"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="98"/>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="99"/>
        <source>Thông báo của cổng DVC</source>
        <translation>Portal message</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="111"/>
        <source>Gửi lại hồ sơ đã chọn</source>
        <translation>Resend the selected dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="113"/>
        <source>Xem hồ sơ</source>
        <translation>Open dossier</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="114"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="127"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="139"/>
        <source>Chưa có bộ đồng bộ trong bản này</source>
        <translation>This build has no sync engine</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="152"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="152"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="162"/>
        <source>{n} hồ sơ cần xem lại. Sửa hồ sơ theo thông báo của cổng rồi bấm “Gửi lại”; các hồ sơ khác vẫn được gửi bình thường.</source>
        <translation>{n} dossiers need attention. Correct the dossier as the portal says, then press “Resend”; other dossiers keep being sent.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="166"/>
        <source>Không có hồ sơ nào bị từ chối.</source>
        <translation>No rejected dossiers.</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/main_window.py" line="199"/>
        <source>Đã xếp lại {n} mục của hồ sơ {code} để gửi.</source>
        <translation>Queued {n} entries of dossier {code} again.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="62"/>
        <source>Chưa cấu hình đồng bộ</source>
        <translation>Sync not configured</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="64"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="66"/>
        <source>Mất kết nối cổng DVC</source>
        <translation>Portal unreachable</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="68"/>
        <source>Lỗi đồng bộ</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="70"/>
        <source>Đã đồng bộ lúc {time}</source>
        <translation>Synced at {time}</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="74"/>
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="78"/>
        <source>{n} chờ gửi</source>
        <translation>{n} pending</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="82"/>
        <source>{n} bị từ chối</source>
        <translation>{n} rejected</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="86"/>
        <source>{n} xung đột</source>
        <translation>{n} conflicts</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="97"/>
        <source>⚠ Đồng hồ máy chậm {m} phút so với cổng DVC: hãy chỉnh giờ</source>
        <translation>⚠ This PC&apos;s clock is {m} min behind the portal: correct the time</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/sync_status.py" line="100"/>
        <source>⚠ Đồng hồ máy nhanh {m} phút so với cổng DVC: hãy chỉnh giờ</source>
        <translation>⚠ This PC&apos;s clock is {m} min ahead of the portal: correct the time</translation>
    </message>
</context>
<context>
    <name>TodayWidget</name>
    <message>
        <location filename="../../counter_app/gui/today.py" line="69"/>
        <source>Nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/today.py" line="70"/>
        <source>Hẹn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/today.py" line="71"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/today.py" line="72"/>
        <source>Đã trả hôm nay</source>
        <translation>Returned today</translation>
    </message>
    <message>
        <location filename="../../counter_app/gui/today.py" line="114"/>
        <source>Hôm nay, {d}</source>
        <translation>Today, {d}</translation>
    </message>
</context>
</TS>
