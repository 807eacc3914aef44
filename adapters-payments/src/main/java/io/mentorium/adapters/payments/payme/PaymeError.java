package io.mentorium.adapters.payments.payme;

/**
 * The Merchant API's error codes we answer, each with the message PayMe shows to the payer in Russian, Uzbek and
 * English. The account errors (-31050…-31099) are ours to define within that range.
 */
enum PaymeError {
    NOT_POST(-32300, "Метод запроса должен быть POST", "So'rov usuli POST bo'lishi kerak",
            "The request method must be POST"),
    PARSE_ERROR(-32700, "Ошибка разбора JSON", "JSON tahlilida xatolik", "The request is not valid JSON"),
    INVALID_REQUEST(-32600, "Отсутствуют обязательные поля или неверен их тип",
            "Majburiy maydonlar yo'q yoki ularning turi noto'g'ri",
            "Required fields are missing or of the wrong type"),
    METHOD_NOT_FOUND(-32601, "Запрашиваемый метод не найден", "So'ralgan usul topilmadi",
            "The requested method was not found"),
    INTERNAL_ERROR(-32400, "Внутренняя ошибка сервера, повторите запрос позже",
            "Serverning ichki xatosi, so'rovni keyinroq takrorlang",
            "Internal server error, please repeat the request later"),
    INSUFFICIENT_PRIVILEGE(-32504, "Недостаточно привилегий для выполнения метода",
            "Usulni bajarish uchun huquqlar yetarli emas", "Insufficient privileges to perform the method"),
    WRONG_AMOUNT(-31001, "Неверная сумма", "Noto'g'ri summa", "Incorrect amount"),
    TRANSACTION_NOT_FOUND(-31003, "Транзакция не найдена", "Tranzaksiya topilmadi", "Transaction not found"),
    CANNOT_CANCEL(-31007, "Невозможно отменить транзакцию: оплаченная услуга не может быть возвращена",
            "Tranzaksiyani bekor qilib bo'lmaydi: to'langan xizmatni qaytarib bo'lmaydi",
            "Unable to cancel the transaction: the paid service cannot be returned"),
    CANNOT_PERFORM(-31008, "Невозможно выполнить операцию", "Amalni bajarib bo'lmaydi",
            "Unable to perform the operation"),
    ORDER_NOT_FOUND(-31050, "Заказ не найден", "Buyurtma topilmadi", "Order not found"),
    ORDER_BUSY(-31051, "Заказ ожидает оплаты по другой транзакции",
            "Buyurtma boshqa tranzaksiya bo'yicha to'lovni kutmoqda",
            "The order is awaiting payment through another transaction"),
    ORDER_PAID(-31052, "Заказ уже оплачен", "Buyurtma allaqachon to'langan", "The order has already been paid"),
    ORDER_CANCELLED(-31053, "Заказ отменён", "Buyurtma bekor qilingan", "The order has been cancelled");

    private final int code;
    private final String ru;
    private final String uz;
    private final String en;

    PaymeError(int code, String ru, String uz, String en) {
        this.code = code;
        this.ru = ru;
        this.uz = uz;
        this.en = en;
    }

    int code() {
        return code;
    }

    String ru() {
        return ru;
    }

    String uz() {
        return uz;
    }

    String en() {
        return en;
    }
}
