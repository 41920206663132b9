"""What users send besides text: the content a Message can carry, as Telegram delivers it.

Pass one to BotApiEmulator.user_sends; the values are realistic (ids, sizes, a poll in
Spanish) so python-telegram-bot parses them like the real thing.
"""

from __future__ import annotations

from tests.support.telegram_emulator.wire import JSON


def voice_content(duration: int = 3) -> JSON:
    return {
        "voice": {
            "file_id": "AwACAgEAAxkBAAIBVoice",
            "file_unique_id": "AgADVoice",
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 8123,
        }
    }


def photo_content() -> JSON:
    sizes = [(90, 67, 1350), (320, 240, 18000), (800, 600, 64000)]
    return {
        "photo": [
            {
                "file_id": f"AgACAgEAAxkBAAIBPhoto{w}",
                "file_unique_id": f"AQADPhoto{w}",
                "width": w,
                "height": h,
                "file_size": size,
            }
            for w, h, size in sizes
        ]
    }


def sticker_content() -> JSON:
    return {
        "sticker": {
            "file_id": "CAACAgIAAxkBAAIBSticker",
            "file_unique_id": "AgADSticker",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            "emoji": "👍",
            "set_name": "HotCherry",
            "file_size": 20000,
        }
    }


def document_content() -> JSON:
    return {
        "document": {
            "file_id": "BQACAgEAAxkBAAIBDocument",
            "file_unique_id": "AgADDocument",
            "file_name": "pasaporte.pdf",
            "mime_type": "application/pdf",
            "file_size": 102400,
        }
    }


def contact_content() -> JSON:
    return {"contact": {"phone_number": "+50255551234", "first_name": "Rosa", "last_name": "Tzul"}}


def poll_content() -> JSON:
    options = [
        {"text": text, "voter_count": 0, "persistent_id": str(n)} for n, text in enumerate(("Sí", "No"))
    ]
    return {
        "poll": {
            "id": "5123456789012345678",
            "question": "¿Viajas sola?",
            "options": options,
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    }


def location_content(latitude: float = 14.6349, longitude: float = -90.5069) -> JSON:
    return {"location": {"latitude": latitude, "longitude": longitude}}
