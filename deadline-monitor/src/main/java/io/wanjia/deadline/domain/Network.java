package io.wanjia.deadline.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a block of one. */
public record Network(byte[] base, int prefixLength) {

    /** Reads {@code 10.8.0.0/16}, {@code 127.0.0.1} or {@code fd00:ec2::254/128}; names are refused (they would need DNS). */
    public static Network parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException(cidr + " is not an IP address or CIDR block");
        }
        byte[] base;
        try {
            base = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr + " is not an IP address or CIDR block", e);
        }
        int length = slash < 0 ? base.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (length < 0 || length > base.length * 8) {
            throw new IllegalArgumentException(cidr + " has a prefix length outside 0.." + base.length * 8);
        }
        return new Network(base, length);
    }

    /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != base.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (base[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
