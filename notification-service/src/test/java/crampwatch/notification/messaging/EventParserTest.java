package crampwatch.notification.messaging;

import crampwatch.notification.domain.EscalationEvent;
import crampwatch.common.messaging.PoisonMessageException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crampwatch.notification.Events;
import crampwatch.notification.domain.Level;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventParserTest {

    @Test
    void readsAValidRaisedEventIgnoringUnknownFields() {
        UUID eventId = UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        EscalationEvent e = EventParser.parse(Events.urgentLongCramp(eventId, "p-1", escalation)).orElseThrow();
        assertThat(e.eventId()).isEqualTo(eventId);
        assertThat(e.type()).isEqualTo("EscalationRaised");
        assertThat(e.escalation().id()).isEqualTo(escalation);
        assertThat(e.escalation().level()).isEqualTo(Level.URGENT);
        assertThat(e.escalation().rule()).isEqualTo("LONG_CRAMP");
    }

    @Test
    void unknownTypesAreSkippedNotPoison() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"EscalationEscalated\",\"schemaVersion\":3,"
                + "\"occurredAt\":\"2026-11-20T01:15:03Z\",\"patientId\":\"p-1\"}";
        assertThat(EventParser.parse(json)).isEmpty();
    }

    @Test
    void offContractRecordsArePoisonWithAReason() {
        assertThatThrownBy(() -> EventParser.parse("{not json")).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventParser.parse(null)).isInstanceOf(PoisonMessageException.class);
        String noLevel = Events.urgentLongCramp(UUID.randomUUID(), "p-1", UUID.randomUUID()).replace("\"level\":\"URGENT\",", "");
        assertThatThrownBy(() -> EventParser.parse(noLevel)).isInstanceOf(PoisonMessageException.class).hasMessageContaining("level");
        String selfCare = Events.urgentLongCramp(UUID.randomUUID(), "p-1", UUID.randomUUID()).replace("\"URGENT\"", "\"SELF_CARE\"");
        assertThatThrownBy(() -> EventParser.parse(selfCare)).isInstanceOf(PoisonMessageException.class);
        String otherPatient = Events.urgentLongCramp(UUID.randomUUID(), "p-1", UUID.randomUUID())
                .replace("\"patientId\":\"p-1\",\"rule\"", "\"patientId\":\"p-2\",\"rule\"");
        assertThatThrownBy(() -> EventParser.parse(otherPatient)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("does not match");
    }
}
