package io.wanjia.household;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.wanjia.contracts.Gender;

/**
 * A person a transfer names: the sending district's member and the keyed hash of the national ID. On the side that asked,
 * also what its caseworker typed — the ID sealed under this district's key, the name, and the birth date and gender the
 * ID gives — until the transfer completes (the person becomes a member here) or is refused (wiped).
 */
@Entity
@Table(name = "transfer_person")
public class TransferPerson extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "transfer_id")
    public UUID transferId;
    public int position;
    @Column(name = "from_member_id")
    public UUID fromMemberId;
    @Column(name = "hash_key_id")
    public String hashKeyId;
    public String hash;
    @Column(name = "national_id_cipher")
    public byte[] nationalIdCipher;
    @Column(name = "national_id_key")
    public String nationalIdKey;
    @Column(name = "national_id_masked")
    public String nationalIdMasked;
    public String name;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    public Gender gender;

    /** Forgets what was typed here: the transfer no longer needs it. */
    public void wipe() {
        nationalIdCipher = null;
        nationalIdKey = null;
        nationalIdMasked = null;
        name = null;
        birthDate = null;
        gender = null;
    }
}
